import GRDB
import PaymentCore

extension PaymentStore {
    /// Most one resend per payment per this many milliseconds: a second press of the key, or a
    /// retried call, must not flood the conversation with the same link.
    static let resendInterval: Int64 = 60 * 1000

    /// The timeline note of a resend, as API.md lists it.
    static let resendNote = "link resent"

    enum ResendOutcome: Sendable {
        case resent(PaymentRecord)
        case notActive(PaymentStatus)
        /// The last resend was too recent: wait this many seconds.
        case tooSoon(retryAfterSeconds: Int64)
        case notFound
    }

    /// Posts the payment's short link into its conversation again, with the same text as at its
    /// creation, and appends `link resent` to its timeline. No new payment, no new token: the
    /// one link already sent still works. The payment gets the next change number (its agent
    /// view now shows one more event), so the changes feed and every cached view see it.
    func resend(id: String, shortUrl: String, now: Int64) async throws -> ResendOutcome {
        try await write { db in
            guard var record = try Self.record(db, id: id) else { return .notFound }
            try Self.expireIfDue(db, &record, now: now)
            guard record.status.isActive else { return .notActive(record.status) }
            let last = try Int64.fetchOne(db, sql: """
                SELECT MAX(at) FROM payment_event WHERE payment_id = ? AND note = ?
                """, arguments: [id, Self.resendNote])
            if let last, now - last < Self.resendInterval {
                return .tooSoon(retryAfterSeconds: max(1, (Self.resendInterval - (now - last) + 999) / 1000))
            }
            try db.execute(sql: "UPDATE payment SET change_seq = \(Self.nextChange) WHERE id = ?", arguments: [id])
            try db.execute(sql: "INSERT INTO payment_event (payment_id, at, status, note) VALUES (?, ?, ?, ?)",
                           arguments: [id, now, record.status.rawValue, Self.resendNote])
            let amount = PaymentRecord.formatted(record.details.amount, currency: record.details.currency)
            try Self.post(db, conversationId: record.conversationId, author: .agent,
                          text: "Please pay \(amount) for “\(record.details.description)”: \(shortUrl)",
                          paymentId: id, now: now)
            guard let updated = try Self.record(db, id: id) else { throw StoreError.corrupt("payment vanished") }
            return .resent(updated)
        }
    }
}
