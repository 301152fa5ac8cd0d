import ConsoleUI
import Foundation
import PaymentCore
import QuiqClient

/// The board's rows made of the list feed's snapshots, in the feed's order (newest first). A
/// snapshot that says what changed since the version taken in last (`changes(since:)`) costs
/// those changes: each changed row's old place is found by binary search (a payment's
/// `createdAt` never changes) and the rest of the rows is copied once; the board gets the same
/// changes as a `BoardDelta`. Any other snapshot is looked at whole, keeping the rows of the
/// payments that did not change (same status and `updatedAt`). An unchanged snapshot (same
/// version) costs nothing.
public struct BoardRows: Sendable {
    /// What taking in a snapshot came to.
    public struct Update: Sendable {
        /// Ids of the payments that left the list since the last version taken in.
        public var gone: [String]
        /// The rows that changed, for a board showing the last version taken in; nil when the
        /// snapshot was looked at whole.
        public var delta: BoardDelta?
    }

    public private(set) var version: Int?
    /// The rows of the last snapshot, in its order.
    public private(set) var rows: [BoardRow] = []

    public init() {}

    /// Takes in `snapshot` (nothing when its version was taken in already).
    public mutating func update(_ snapshot: PaymentListFeed.Snapshot) -> Update {
        guard snapshot.version != version else {
            return Update(gone: [], delta: version.map { BoardDelta(base: $0, removed: [], added: []) })
        }
        if let base = version, let changes = snapshot.changes(since: base),
           let update = applying(changes, base: base, count: snapshot.payments.count) {
            version = snapshot.version
            return update
        }
        version = snapshot.version
        return Update(gone: replacing(with: snapshot.payments), delta: nil)
    }

    /// `rows` with `changes` applied, and what changed; nil (nothing changed) when the result
    /// would not have `count` rows, which only a feed that lost track can cause.
    private mutating func applying(_ changes: [ListedPayment], base: Int, count: Int) -> Update? {
        var latest: [String: ListedPayment] = [:]
        latest.reserveCapacity(changes.count)
        for payment in changes { latest[payment.id] = payment }
        var cuts: [Int] = [], removed: [BoardRow] = [], added: [BoardRow] = [], gone: [String] = []
        for payment in latest.values {
            let index = Self.place(payment.createdAt, payment.id, in: rows)
            let old = index < rows.count && rows[index].id == payment.id ? rows[index] : nil
            if let old, payment.status.isActive, old.status == payment.status, old.updatedAt == payment.updatedAt { continue }
            if let old {
                cuts.append(index)
                removed.append(old)
                if !payment.status.isActive { gone.append(payment.id) }
            }
            if payment.status.isActive { added.append(BoardRow(payment)) }
        }
        cuts.sort()
        added.sort { Self.isNewer($0.createdAt, $0.id, than: $1.createdAt, $1.id) }
        let places = added.map { Self.place($0.createdAt, $0.id, in: rows) }
        let next = rows.spliced(removing: cuts, inserting: added, at: places)
        guard next.count == count else { return nil }
        rows = next
        return Update(gone: gone, delta: BoardDelta(base: base, removed: removed, added: added))
    }

    /// Rows for `payments`, keeping the row of each unchanged payment; the ids that left.
    private mutating func replacing(with payments: [ListedPayment]) -> [String] {
        var index: [String: Int] = [:]
        index.reserveCapacity(rows.count)
        for (position, row) in rows.enumerated() { index[row.id] = position }
        var next: [BoardRow] = []
        next.reserveCapacity(payments.count)
        var kept = 0
        for payment in payments {
            if let at = index.removeValue(forKey: payment.id), rows[at].status == payment.status, rows[at].updatedAt == payment.updatedAt {
                next.append(rows[at])
                kept += 1
            } else {
                next.append(BoardRow(payment))
            }
        }
        // What is left in the index is gone (changed payments were removed from it above).
        let gone = Array(index.keys)
        rows = next
        return gone
    }

    /// The feed's order: newest first, then by id.
    private static func isNewer(_ a: Date, _ aID: String, than b: Date, _ bID: String) -> Bool {
        a != b ? a > b : aID > bID
    }

    /// The first index of `rows` that is not newer than (`createdAt`, `id`).
    private static func place(_ createdAt: Date, _ id: String, in rows: [BoardRow]) -> Int {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if isNewer(rows[middle].createdAt, rows[middle].id, than: createdAt, id) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension BoardRow {
    /// The row of a payment as the list feed keeps it.
    init(_ payment: ListedPayment) {
        self.init(id: payment.id, status: payment.status, amount: payment.amount, currency: payment.currency,
                  description: payment.description, conversationId: payment.conversationId, agentKeyId: payment.agentKeyId,
                  createdAt: payment.createdAt, updatedAt: payment.updatedAt, expiresAt: payment.expiresAt)
    }
}
