import GRDB
import PaymentCore

/// The changes feed's reads. Every write that changes what a payment shows (its creation and
/// each move to a new status) gives it the next change number (`payment.change_seq`, unique
/// and indexed), so "what changed since change n" is a range of that index.
extension PaymentStore {
    /// The SQL that gives a payment the next change number, inside its write transaction
    /// (the writer is serial, so numbers only grow and a reader never sees a gap close).
    static let nextChange = "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM payment)"

    /// The feed's fixed facts: which database this is and the last change number.
    struct FeedState: Sendable {
        /// Random per database: a cursor from another database (or a reset one) names another epoch.
        var epoch: String
        var lastChange: Int64
    }

    func feedState() async throws -> FeedState {
        try await writer.read { db in
            guard let epoch = try Self.setting(db, .changesEpoch) else { throw StoreError.corrupt("no changes epoch") }
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(change_seq) FROM payment") ?? 0
            return FeedState(epoch: epoch, lastChange: last)
        }
    }

    /// A payment as the feed sees it: its head, its change number, and whether it ever had one
    /// of the statuses asked for (a payment that left them is news to a board that showed it).
    struct ChangeHead: Sendable {
        var head: PaymentHead
        var change: Int64
        var wasListed: Bool
    }

    /// The payments changed after `since`, in change order, at most `limit`.
    /// `wasListed` says whether the payment had one of `statuses` at any time (all when empty).
    func changes(after since: Int64, statuses: [PaymentStatus], limit: Int) async throws -> [ChangeHead] {
        let names = Array(Set(statuses.map(\.rawValue))).sorted()
        var bound = StatementArguments(names)
        bound += [since, limit]
        let arguments = bound
        let sql = Self.changesSQL(statusCount: names.count)
        return try await writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let head = try PaymentHead(row: row)
                return ChangeHead(head: head, change: head.change, wasListed: row[5])
            }
        }
    }

    /// The payments in `statuses` now (all when empty), by change number after `after`, at most
    /// `limit`: the full pass that starts the feed. Each status is a range of
    /// `payment_by_status_change`, stepped through by a cursor; the cursors are merged by change
    /// number and stop at `limit`, so a page reads about `limit` rows however many statuses
    /// it asks for (reading `limit` of each and sorting them was half the sandbox's time).
    func members(statuses: [PaymentStatus], after: Int64, limit: Int) async throws -> [ChangeHead] {
        let filters: [String?] = statuses.isEmpty ? [nil] : Array(Set(statuses.map(\.rawValue))).sorted().map { Optional($0) }
        return try await writer.read { db in
            let cursors = try filters.map { status in
                var arguments = StatementArguments()
                if let status { arguments += [status] }
                arguments += [after, limit]
                return try Row.fetchCursor(db, sql: Self.membersSQL(byStatus: status != nil), arguments: arguments)
            }
            var next = try cursors.indices.map { try cursors[$0].next().map(PaymentHead.init(row:)) }
            var heads: [ChangeHead] = []
            heads.reserveCapacity(limit)
            while heads.count < limit {
                var pick: (index: Int, head: PaymentHead)?
                for (index, head) in next.enumerated() {
                    guard let head else { continue }
                    if pick.map({ head.change < $0.head.change }) ?? true { pick = (index, head) }
                }
                guard let pick else { break }
                heads.append(ChangeHead(head: pick.head, change: pick.head.change, wasListed: true))
                next[pick.index] = try cursors[pick.index].next().map(PaymentHead.init(row:))
            }
            return heads
        }
    }

    /// The feed's read: arguments are the `statusCount` status names, the change after which to
    /// read, and the limit. A range of `payment_by_change` (`feedUsesIndexes` checks its plan).
    static func changesSQL(statusCount: Int) -> String {
        let listed = statusCount == 0 ? "1" : """
            EXISTS (SELECT 1 FROM payment_event e WHERE e.payment_id = payment.id AND e.status IN (\(Array(repeating: "?", count: statusCount).joined(separator: ","))))
            """
        return """
            SELECT \(PaymentHead.columns), \(listed) FROM payment INDEXED BY payment_by_change
            WHERE change_seq > ? ORDER BY change_seq LIMIT ?
            """
    }

    /// The full pass's read of one status (or of all): arguments are the status when `byStatus`,
    /// the change after which to read, and the limit.
    static func membersSQL(byStatus: Bool) -> String {
        "SELECT \(PaymentHead.columns) FROM payment WHERE \(byStatus ? "status = ? AND " : "")change_seq > ? ORDER BY change_seq LIMIT ?"
    }

    /// What the feed's summary of a payment shows, read from its columns (description, currency
    /// and amount taken out of its details by SQLite's `json_extract`): no timeline, token or
    /// reply is read. A board's first full pass after a restart makes 100,000 of them.
    struct SummaryRow: Sendable {
        var id: String
        var conversationId: String
        var status: PaymentStatus
        var createdAt: Int64
        var expiresAt: Int64
        var updatedAt: Int64
        var agentKeyId: String?
        var change: Int64
        var description: String
        var currency: String
        var amount: Int64
    }

    /// The summaries of these payments (any order; an unknown id is left out).
    func summaries(ids: [String]) async throws -> [SummaryRow] {
        guard !ids.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        return try await writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, conversation_id, status, created_at, expires_at, updated_at, agent_key_id, change_seq,
                       json_extract(details, '$.description'), json_extract(details, '$.currency'), json_extract(details, '$.amount')
                FROM payment WHERE id IN (\(placeholders))
                """, arguments: StatementArguments(ids))
            var summaries: [SummaryRow] = []
            summaries.reserveCapacity(ids.count)
            while let row = try rows.next() {
                let statusText: String = row[2]
                guard let status = PaymentStatus(rawValue: statusText) else { throw StoreError.corrupt("status \(statusText)") }
                guard let description: String = row[8], let currency: String = row[9], let amount: Int64 = row[10] else {
                    throw StoreError.corrupt("details of payment \(row[0] as String)")
                }
                summaries.append(SummaryRow(id: row[0], conversationId: row[1], status: status, createdAt: row[3], expiresAt: row[4],
                                            updatedAt: row[5], agentKeyId: row[6], change: row[7], description: description,
                                            currency: currency, amount: amount))
            }
            return summaries
        }
    }

    /// Expires every payment whose time has passed, so the feed never shows one as still due.
    func expireAllDue(now: Int64) async throws {
        while try await expireDue(now: now) == Self.expiryBatch {}
    }
}

extension PaymentStore.PaymentHead {
    /// The columns `init(row:)` reads first, in order.
    static let columns = "seq, id, status, expires_at, change_seq"

    init(row: Row) throws {
        let statusText: String = row[2]
        guard let status = PaymentStatus(rawValue: statusText) else { throw StoreError.corrupt("status \(statusText)") }
        self.init(seq: row[0], id: row[1], status: status, expiresAt: row[3], change: row[4])
    }
}

extension PaymentStore.SummaryRow {
    /// The summary's columns of a payment read whole: one source for both paths of a summary.
    init(_ record: PaymentRecord) {
        self.init(id: record.id, conversationId: record.conversationId, status: record.status, createdAt: record.createdAt,
                  expiresAt: record.expiresAt, updatedAt: record.updatedAt, agentKeyId: record.agentKeyId, change: record.change,
                  description: record.details.description, currency: record.details.currency, amount: record.details.amount)
    }
}
