import ConsoleUI
import PaymentCore

/// The board's rows made of the list feed's snapshots. A row is made again only for a payment
/// that arrived or changed (another status or `updatedAt`), so a refresh with 100 changes
/// makes 100 rows, not 100,000, and an unchanged snapshot (same version) costs nothing. The
/// rows are kept once, with an index by id: a row's strings are the message's own.
public struct BoardRows: Sendable {
    private var version: Int?
    private var index: [String: Int] = [:]
    /// Each row's `updatedAt` as the platform wrote it, by position: what tells a changed payment.
    private var stamps: [String?] = []
    /// The rows of the last snapshot, in its order.
    public private(set) var rows: [BoardRow] = []

    public init() {}

    /// Takes in the snapshot of `version` and returns the ids of the payments that left the
    /// list since the last version taken in (none for the same version again).
    public mutating func update(version: Int, payments: [PaymentMessage]) -> [String] {
        guard version != self.version else { return [] }
        self.version = version
        var nextIndex: [String: Int] = [:]
        nextIndex.reserveCapacity(payments.count)
        var nextStamps: [String?] = []
        nextStamps.reserveCapacity(payments.count)
        var nextRows: [BoardRow] = []
        nextRows.reserveCapacity(payments.count)
        var kept = 0
        for message in payments {
            if let at = index[message.id], rows[at].status == message.status, stamps[at] == message.updatedAt {
                nextRows.append(rows[at])
                kept += 1
            } else {
                nextRows.append(BoardRow(message))
            }
            nextIndex[message.id] = nextRows.count - 1
            nextStamps.append(message.updatedAt)
        }
        // Every old id was kept, or is gone or changed: only when fewer were kept can any be gone.
        let gone = kept == index.count ? [] : index.keys.filter { nextIndex[$0] == nil }
        index = nextIndex
        stamps = nextStamps
        rows = nextRows
        return gone
    }
}
