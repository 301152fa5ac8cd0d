import Foundation
import GRDB
import PaymentCore

/// The console's local memory, in SQLite (WAL, so several consoles on one machine share it):
/// every payment it created or was asked to watch, with its last known state and its events,
/// and the drafts being composed, saved on every change so the latest unsent one survives a
/// crash. Rows are kept per platform (`sandbox` or a tenant's URL) so the two never mix.
public final class Journal: Sendable {
    private let database: DatabasePool
    public let path: String

    /// Opens (creating if needed) the journal at `path`, e.g. `$XDG_DATA_HOME/quiqpay/journal.sqlite`.
    public init(path: String) throws(JournalError) {
        self.path = path
        do {
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            database = try DatabasePool(path: path, configuration: configuration)
            try Journal.migrator.migrate(database)
        } catch {
            throw JournalError(path: path, reason: Journal.reason(error))
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE payment (
                    id TEXT PRIMARY KEY NOT NULL,
                    platform TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    status TEXT,
                    message BLOB,
                    updatedAt TEXT NOT NULL
                );
                CREATE INDEX payment_platform ON payment(platform, updatedAt);
                CREATE TABLE paymentEvent (
                    paymentId TEXT NOT NULL REFERENCES payment(id) ON DELETE CASCADE,
                    status TEXT NOT NULL,
                    at TEXT NOT NULL,
                    note TEXT NOT NULL,
                    PRIMARY KEY (paymentId, status)
                );
                CREATE TABLE draft (
                    id TEXT PRIMARY KEY NOT NULL,
                    platform TEXT NOT NULL,
                    body BLOB NOT NULL,
                    savedAt TEXT NOT NULL,
                    sentAt TEXT,
                    paymentId TEXT
                );
                """)
        }
        return migrator
    }

    // MARK: - Payments

    /// Stores what was just read or created, and every event of its timeline not yet known.
    public func record(_ message: PaymentMessage, platform: String, origin: JournalEntry.Origin = .watched) async throws(JournalError) {
        let body = try encode(message)
        let now = Journal.timestamp()
        try await write { db in
            try db.execute(sql: """
                INSERT INTO payment (id, platform, origin, status, message, updatedAt) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET status = excluded.status, message = excluded.message, updatedAt = excluded.updatedAt
                """, arguments: [message.id, platform, origin.rawValue, message.status.rawValue, body, now])
            for event in message.events ?? [] {
                try db.execute(sql: "INSERT OR IGNORE INTO paymentEvent (paymentId, status, at, note) VALUES (?, ?, ?, ?)",
                               arguments: [message.id, event.status.rawValue, event.at, event.note])
            }
        }
    }

    /// Remembers to watch a payment known only by its id (`quiqpay watch ID`).
    public func follow(id: String, platform: String) async throws(JournalError) {
        let now = Journal.timestamp()
        try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO payment (id, platform, origin, updatedAt) VALUES (?, ?, 'watched', ?)",
                           arguments: [id, platform, now])
        }
    }

    /// Every payment of `platform`, most recently updated first.
    public func payments(platform: String) async throws(JournalError) -> [JournalEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM payment WHERE platform = ? ORDER BY updatedAt DESC, id", arguments: [platform])
                .map(Journal.entry)
        }
    }

    /// One payment, if the journal knows it.
    public func payment(id: String) async throws(JournalError) -> JournalEntry? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM payment WHERE id = ?", arguments: [id]).map(Journal.entry)
        }
    }

    /// A payment's timeline as recorded, oldest first.
    public func events(paymentId: String) async throws(JournalError) -> [PaymentEvent] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM paymentEvent WHERE paymentId = ? ORDER BY at, rowid", arguments: [paymentId])
                .compactMap { row in
                    PaymentStatus(rawValue: row["status"]).map { PaymentEvent(at: row["at"], status: $0, note: row["note"]) }
                }
        }
    }

    // MARK: - Drafts

    /// Saves a draft as it is now; call on every change.
    public func saveDraft(_ draft: PaymentDraft, platform: String) async throws(JournalError) {
        let body = try encode(draft)
        let now = Journal.timestamp()
        try await write { db in
            try db.execute(sql: """
                INSERT INTO draft (id, platform, body, savedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET body = excluded.body, savedAt = excluded.savedAt
                """, arguments: [draft.id, platform, body, now])
        }
    }

    /// Marks a draft as sent, so it is no longer offered for recovery.
    public func markSent(draftId: String, paymentId: String) async throws(JournalError) {
        let now = Journal.timestamp()
        try await write { db in
            try db.execute(sql: "UPDATE draft SET sentAt = ?, paymentId = ? WHERE id = ?", arguments: [now, paymentId, draftId])
        }
    }

    /// The most recently saved draft that was never sent: what to offer after a crash.
    public func latestUnsentDraft(platform: String) async throws(JournalError) -> PaymentDraft? {
        let body: Data? = try await read { db in
            try Data.fetchOne(db, sql: "SELECT body FROM draft WHERE platform = ? AND sentAt IS NULL ORDER BY savedAt DESC, rowid DESC LIMIT 1",
                              arguments: [platform])
        }
        guard let body else { return nil }
        do {
            return try JSONDecoder().decode(PaymentDraft.self, from: body)
        } catch {
            throw JournalError(path: path, reason: "a saved draft is unreadable")
        }
    }

    /// Forgets a draft the agent abandoned.
    public func discardDraft(id: String) async throws(JournalError) {
        try await write { db in try db.execute(sql: "DELETE FROM draft WHERE id = ?", arguments: [id]) }
    }

    // MARK: - Plumbing

    private func write(_ body: @escaping @Sendable (Database) throws -> Void) async throws(JournalError) {
        do {
            try await database.write(body)
        } catch {
            throw JournalError(path: path, reason: Journal.reason(error))
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(JournalError) -> T {
        do {
            return try await database.read(body)
        } catch {
            throw JournalError(path: path, reason: Journal.reason(error))
        }
    }

    private func encode<T: Encodable>(_ value: T) throws(JournalError) -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            throw JournalError(path: path, reason: "a value could not be encoded")
        }
    }

    private static func entry(_ row: Row) -> JournalEntry {
        let body: Data? = row["message"]
        let status: String? = row["status"]
        return JournalEntry(
            id: row["id"],
            origin: JournalEntry.Origin(rawValue: row["origin"]) ?? .watched,
            status: status.flatMap(PaymentStatus.init(rawValue:)),
            message: body.flatMap { try? JSONDecoder().decode(PaymentMessage.self, from: $0) },
            updatedAt: row["updatedAt"])
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode)" }
        return "\(error)".prefix(120).description
    }

    /// RFC 3339 UTC with fractional seconds, so rows saved within one second still sort.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
