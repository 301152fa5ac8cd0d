import Foundation
import GRDB
import PaymentCore
import Synchronization

/// Every read and write of the sandbox's state. Each operation is one transaction, so that
/// what it decides (first reply wins, an idempotency key's first use, an expiry) is decided once.
final class PaymentStore: Sendable {
    /// Reads go straight to it; writes go through `write`, so that `generation` sees every one.
    let writer: any DatabaseWriter
    private let writes = Atomic<Int>(0)
    /// Rung after every write that changed rows: the sweeper, with nothing to watch, waits on it.
    private let wrote = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    /// Payments recently read, with the generation they were read at.
    private let recent = BoundedCache<(generation: Int, record: PaymentRecord)>(capacity: 20_000)

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Moves on after every write transaction has committed, so a value remembered with the
    /// generation it was read at is still current while the generation is unchanged.
    var generation: Int { writes.load(ordering: .acquiring) }

    /// One write transaction. If it changed any row, the generation moves on once it has
    /// committed, so that a read tagged with the old generation can never outlive the change; a
    /// pass that changes nothing (the sweeper's, most seconds) leaves what was read current.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let (result, changed) = try await writer.write { db in
            let before = db.totalChangesCount
            let result = try updates(db)
            return (result, db.totalChangesCount != before)
        }
        if changed {
            writes.add(1, ordering: .releasing)
            wrote.continuation.yield()
        }
        return result
    }

    /// Returns after the next write that changed rows (or one since the last call), or after
    /// `timeout`. Only the sweeper calls it: a stream has one reader.
    func nextWrite(timeout: Duration) async {
        let stream = wrote.stream
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in stream { return }
            }
            group.addTask {
                // Cancelled when a write came first; a cancelled sleep has nothing to report.
                try? await Task.sleep(for: timeout)
            }
            await group.next()
            group.cancelAll()
        }
    }

    // MARK: Reading

    static func record(_ db: Database, id: String) throws -> PaymentRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(PaymentRecord.columns) FROM payment WHERE id = ?", arguments: [id]) else { return nil }
        var record = try PaymentRecord(row: row, decoder: JSONDecoder())
        record.events = try events(db, paymentIds: [id])[id] ?? []
        return record
    }

    static func records(_ db: Database, sql: String, arguments: StatementArguments) throws -> [PaymentRecord] {
        let decoder = JSONDecoder()
        var records = try Row.fetchAll(db, sql: sql, arguments: arguments).map { try PaymentRecord(row: $0, decoder: decoder) }
        let timelines = try events(db, paymentIds: records.map(\.id))
        for index in records.indices { records[index].events = timelines[records[index].id] ?? [] }
        return records
    }

    static func events(_ db: Database, paymentIds: [String]) throws -> [String: [PaymentEvent]] {
        guard !paymentIds.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: paymentIds.count).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: """
            SELECT payment_id, at, status, note FROM payment_event
            WHERE payment_id IN (\(placeholders)) ORDER BY seq
            """, arguments: StatementArguments(paymentIds))
        var out: [String: [PaymentEvent]] = [:]
        for row in rows {
            let statusText: String = row[2]
            guard let status = PaymentStatus(rawValue: statusText) else { throw StoreError.corrupt("event status \(statusText)") }
            out[row[0], default: []].append(
                PaymentEvent(at: Timestamp.rfc3339(milliseconds: row[1]), status: status, note: row[3]))
        }
        return out
    }

    // MARK: Writing helpers

    /// Moves a payment to `status`, appends the event, and posts `transcript` into its conversation.
    static func transition(_ db: Database, _ record: inout PaymentRecord, to status: PaymentStatus, note: String,
                           transcript: (author: ConversationMessage.Author, text: String)?, now: Int64) throws {
        try db.execute(sql: "UPDATE payment SET status = ?, updated_at = ?, change_seq = \(nextChange) WHERE id = ?",
                       arguments: [status.rawValue, now, record.id])
        try db.execute(sql: "INSERT INTO payment_event (payment_id, at, status, note) VALUES (?, ?, ?, ?)",
                       arguments: [record.id, now, status.rawValue, note])
        if let transcript {
            try post(db, conversationId: record.conversationId, author: transcript.author, text: transcript.text,
                     paymentId: record.id, now: now)
        }
        record.status = status
        record.updatedAt = now
        guard let change = try Int64.fetchOne(db, sql: "SELECT change_seq FROM payment WHERE id = ?", arguments: [record.id]) else {
            throw StoreError.corrupt("payment \(record.id) vanished")
        }
        record.change = change
        record.events.append(PaymentEvent(at: Timestamp.rfc3339(milliseconds: now), status: status, note: note))
    }

    static func post(_ db: Database, conversationId: String, author: ConversationMessage.Author, text: String,
                     paymentId: String?, now: Int64) throws {
        try ensureConversation(db, id: conversationId, now: now)
        try db.execute(sql: """
            INSERT INTO conversation_message (conversation_id, at, author, text, payment_id) VALUES (?, ?, ?, ?, ?)
            """, arguments: [conversationId, now, author.rawValue, text, paymentId])
    }

    static func ensureConversation(_ db: Database, id: String, now: Int64) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO conversation (id, created_at) VALUES (?, ?)", arguments: [id, now])
    }

    /// Expires the payment if its time has passed: the check every read makes, so expiry is
    /// exact even between two runs of the sweeper.
    static func expireIfDue(_ db: Database, _ record: inout PaymentRecord, now: Int64) throws {
        guard record.status.isActive, now >= record.expiresAt else { return }
        let amount = PaymentRecord.formatted(record.details.amount, currency: record.details.currency)
        try transition(db, &record, to: .expired, note: "expired unpaid",
                       transcript: (.system, "Payment request expired: \(amount) for “\(record.details.description)” was not paid in time."),
                       now: now)
    }

    // MARK: Agent side

    /// A payment ready to insert; token and links are minted before the transaction.
    struct NewPayment: Sendable {
        var id: String
        var conversationId: String
        var createdAt: Int64
        var expiresAt: Int64
        var details: PaymentDetails
        var clientKey: String?
        var token: String
        var jti: String
        var issuer: String
        var paymentUrl: String
        var shortCode: String
        var shortUrl: String
        /// The identity of the agent key that asked (never its secret).
        var agentKeyId: String? = nil
    }

    /// The first use of an `Idempotency-Key` by one API key.
    struct IdempotencyClaim: Sendable {
        var identity: String
        var key: String
        var fingerprint: String
    }

    enum CreateOutcome: Sendable {
        case created(PaymentRecord)
        case replayed(Data)
        case idempotencyMismatch
    }

    static let idempotencyLifetime: Int64 = 24 * 3600 * 1000

    /// Inserts the payment, its first event and the link in the transcript, all or nothing;
    /// with an idempotency claim, a second use answers the first response instead.
    func create(_ payment: NewPayment, idempotency: IdempotencyClaim?, encode: @escaping @Sendable (PaymentRecord) throws -> Data) async throws -> CreateOutcome {
        try await write { db in
            if let idempotency {
                try db.execute(sql: "DELETE FROM idempotency_key WHERE identity = ? AND key = ? AND created_at <= ?",
                               arguments: [idempotency.identity, idempotency.key, payment.createdAt - Self.idempotencyLifetime])
                if let row = try Row.fetchOne(db, sql: "SELECT fingerprint, response FROM idempotency_key WHERE identity = ? AND key = ?",
                                              arguments: [idempotency.identity, idempotency.key]) {
                    let fingerprint: String = row["fingerprint"]
                    return fingerprint == idempotency.fingerprint ? .replayed(row["response"]) : .idempotencyMismatch
                }
            }
            let detailsJSON = String(decoding: try JSONCoding.encode(payment.details), as: UTF8.self)
            try Self.ensureConversation(db, id: payment.conversationId, now: payment.createdAt)
            try db.execute(sql: """
                INSERT INTO payment (id, conversation_id, status, created_at, expires_at, updated_at, details, client_key,
                                     token, jti, issuer, payment_url, short_code, agent_key_id, change_seq)
                VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(Self.nextChange))
                """, arguments: [payment.id, payment.conversationId, payment.createdAt, payment.expiresAt, payment.createdAt,
                                 detailsJSON, payment.clientKey, payment.token, payment.jti, payment.issuer,
                                 payment.paymentUrl, payment.shortCode, payment.agentKeyId])
            try db.execute(sql: "INSERT INTO payment_event (payment_id, at, status, note) VALUES (?, ?, 'pending', 'created by agent')",
                           arguments: [payment.id, payment.createdAt])
            let amount = PaymentRecord.formatted(payment.details.amount, currency: payment.details.currency)
            try Self.post(db, conversationId: payment.conversationId, author: .agent,
                          text: "Please pay \(amount) for “\(payment.details.description)”: \(payment.shortUrl)",
                          paymentId: payment.id, now: payment.createdAt)
            guard let record = try Self.record(db, id: payment.id) else { throw StoreError.corrupt("payment vanished") }
            if let idempotency {
                try db.execute(sql: """
                    INSERT INTO idempotency_key (identity, key, fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [idempotency.identity, idempotency.key, idempotency.fingerprint, try encode(record), payment.createdAt])
            }
            return .created(record)
        }
    }

    /// The payment by id, expired first if its time has passed.
    func payment(id: String, now: Int64) async throws -> PaymentRecord? {
        // Most reads change nothing: answer those without queueing for the writer.
        guard let current = try await lookup(id: id) else { return nil }
        guard current.status.isActive, now >= current.expiresAt else { return current }
        return try await write { db in
            guard var record = try Self.record(db, id: id) else { return nil }
            try Self.expireIfDue(db, &record, now: now)
            return record
        }
    }

    enum CancelOutcome: Sendable { case cancelled(PaymentRecord), notActive(PaymentStatus), notFound }

    func cancel(id: String, now: Int64) async throws -> CancelOutcome {
        try await write { db in
            guard var record = try Self.record(db, id: id) else { return .notFound }
            try Self.expireIfDue(db, &record, now: now)
            guard record.status.isActive else { return .notActive(record.status) }
            let amount = PaymentRecord.formatted(record.details.amount, currency: record.details.currency)
            try Self.transition(db, &record, to: .cancelled, note: "cancelled by agent",
                                transcript: (.agent, "Payment request withdrawn: \(amount) for “\(record.details.description)” is no longer due."),
                                now: now)
            return .cancelled(record)
        }
    }

    /// The payment by id as stored, without side effects.
    /// The payment as last written. Served from memory while nothing has been written since
    /// it was read (the generation is unchanged), so polling an unchanged payment never waits
    /// for the database.
    func lookup(id: String) async throws -> PaymentRecord? {
        let generation = self.generation  // before the read: a write racing it leaves the entry stale
        if let recent = recent[id], recent.generation == generation { return recent.record }
        let record = try await writer.read { db in try Self.record(db, id: id) }
        if let record { recent.insert((generation, record), for: id) }
        return record
    }

    /// Where a short link points.
    func paymentURL(shortCode: String) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT payment_url FROM payment WHERE short_code = ?", arguments: [shortCode])
        }
    }

    /// Which payments a page of a list holds, newest first.
    struct ListQuery: Sendable {
        var conversationId: String?
        var statuses: [PaymentStatus] = []
        var limit: Int
        var beforeSeq: Int64?

        fileprivate func sql(columns: String) -> (String, StatementArguments) {
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let conversationId { conditions.append("conversation_id = ?"); arguments.append(conversationId) }
            if !statuses.isEmpty {
                conditions.append("status IN (\(Array(repeating: "?", count: statuses.count).joined(separator: ",")))")
                arguments += statuses.map(\.rawValue)
            }
            if let beforeSeq { conditions.append("seq < ?"); arguments.append(beforeSeq) }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(limit)
            return ("SELECT \(columns) FROM payment \(whereClause) ORDER BY seq DESC LIMIT ?", StatementArguments(arguments))
        }
    }

    /// What a list needs to know of a payment before deciding whether it must read all of it.
    struct PaymentHead: Sendable {
        var seq: Int64
        var id: String
        var status: PaymentStatus
        var expiresAt: Int64
        /// Its change number: while unchanged, so is the payment (a cached view is current).
        var change: Int64

        /// Still active although its time has passed: reading it must expire it first.
        func isDue(at now: Int64) -> Bool { status.isActive && now >= expiresAt }
    }

    /// The heads of a page of payments; a plain read, so listing never waits for the writer.
    func heads(_ query: ListQuery) async throws -> [PaymentHead] {
        let (sql, arguments) = query.sql(columns: PaymentHead.columns)
        return try await writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(PaymentHead.init(row:))
        }
    }

    /// The payments with these ids (in no particular order), with their timelines.
    func records(ids: [String]) async throws -> [PaymentRecord] {
        guard !ids.isEmpty else { return [] }
        return try await writer.read { db in
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            return try Self.records(db, sql: "SELECT \(PaymentRecord.columns) FROM payment WHERE id IN (\(placeholders))", arguments: StatementArguments(ids))
        }
    }

    /// A page of payments, newest first; rows that expire on this read are returned expired
    /// (the caller filters again).
    func list(_ query: ListQuery, now: Int64) async throws -> [PaymentRecord] {
        let (sql, arguments) = query.sql(columns: PaymentRecord.columns)
        return try await write { db in
            var records = try Self.records(db, sql: sql, arguments: arguments)
            for index in records.indices { try Self.expireIfDue(db, &records[index], now: now) }
            return records
        }
    }

    /// A conversation's transcript, or nil when it is still the one `unlessVersion` names. The
    /// transcript only grows, so its length and last row number name its content.
    func conversation(id: String, unlessVersion known: String? = nil) async throws -> (conversation: Conversation?, version: String) {
        try await writer.read { db in
            let stamp = try Row.fetchOne(db, sql: """
                SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM conversation_message WHERE conversation_id = ?
                """, arguments: [id])
            let version = "\(stamp?[0] as Int64? ?? 0)-\(stamp?[1] as Int64? ?? 0)"
            if version == known { return (nil, version) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT at, author, text, payment_id FROM conversation_message WHERE conversation_id = ? ORDER BY seq
                """, arguments: [id])
            return (Conversation(id: id, messages: rows.map { row in
                let author: String = row["author"]
                return ConversationMessage(at: Timestamp.rfc3339(milliseconds: row["at"]),
                                           author: ConversationMessage.Author(rawValue: author) ?? .system,
                                           text: row["text"], paymentId: row["payment_id"])
            }), version)
        }
    }

    /// Most payments one sweeper pass expires, so a pass never holds the writer for long.
    static let expiryBatch = 500

    /// The sweeper's pass: expires every active payment whose time has passed, and forgets
    /// idempotency keys older than 24 hours. Returns how many payments expired.
    func expireDue(now: Int64) async throws -> Int {
        try await sweep(now: now).expired
    }

    /// What one sweeper pass did, and whether any payment is left that can still come due.
    struct SweepPass: Sendable {
        var expired: Int
        var anyActive: Bool
    }

    /// `expireDue`, also saying whether a pending or opened payment remains: with none, the
    /// sweeper has nothing to watch until the next write.
    func sweep(now: Int64) async throws -> SweepPass {
        // Most passes find nothing: a read through the two indexes says so without a transaction.
        let (due, anyActive) = try await writer.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM payment INDEXED BY payment_due WHERE status IN ('pending', 'opened') AND expires_at <= ?)
                    OR EXISTS (SELECT 1 FROM idempotency_key WHERE created_at <= ?),
                    EXISTS (SELECT 1 FROM payment INDEXED BY payment_due WHERE status IN ('pending', 'opened'))
                """, arguments: [now, now - Self.idempotencyLifetime])
            return (row?[0] as Bool? ?? true, row?[1] as Bool? ?? true)
        }
        guard due else { return SweepPass(expired: 0, anyActive: anyActive) }
        let expired = try await write { db in
            let ids = try String.fetchAll(db, sql: """
                SELECT id FROM payment INDEXED BY payment_due WHERE status IN ('pending', 'opened') AND expires_at <= ? ORDER BY expires_at LIMIT \(Self.expiryBatch)
                """, arguments: [now])
            for id in ids {
                guard var record = try Self.record(db, id: id) else { continue }
                try Self.expireIfDue(db, &record, now: now)
            }
            try db.execute(sql: "DELETE FROM idempotency_key WHERE created_at <= ?", arguments: [now - Self.idempotencyLifetime])
            return ids.count
        }
        // Whatever the batch left active is still to watch; counting it again is not worth a query.
        return SweepPass(expired: expired, anyActive: true)
    }
}
