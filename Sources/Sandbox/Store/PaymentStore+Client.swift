import Foundation
import GRDB
import PaymentCore

extension PaymentStore {
    /// The Client's read (step 3): expires the payment if due, and the first read moves
    /// `pending` to `opened`.
    func openForClient(_ current: PaymentRecord, now: Int64) async throws -> PaymentRecord? {
        // Most reads change nothing: answer those without queueing for the writer.
        if current.status != .pending, !(current.status.isActive && now >= current.expiresAt) { return current }
        let id = current.id
        return try await write { db in
            guard var record = try Self.record(db, id: id) else { return nil }
            try Self.expireIfDue(db, &record, now: now)
            if record.status == .pending {
                try Self.transition(db, &record, to: .opened, note: "opened by the Client", transcript: nil, now: now)
            }
            return record
        }
    }

    static let lockoutThreshold: Int64 = 5
    static let lockoutDuration: Int64 = 15 * 60 * 1000

    enum KeyCheck: Sendable { case accepted, rejected, locked(untilMs: Int64) }

    /// Checks the Payment Key sent with a reply to one payment. Wrong keys are counted per
    /// payment (never per token spelling); the fifth locks replies to it for 15 minutes.
    func checkPaymentKey(_ candidate: String?, paymentId: String, now: Int64) async throws -> KeyCheck {
        try await write { db in
            let failure = try Row.fetchOne(db, sql: "SELECT failures, locked_until FROM payment_key_failure WHERE payment_id = ?",
                                           arguments: [paymentId])
            let lockedUntil: Int64? = failure.flatMap { $0["locked_until"] as Int64? }
            if let lockedUntil, lockedUntil > now { return .locked(untilMs: lockedUntil) }
            let stored = try Self.paymentKeyHash(db)
            if let candidate, let stored, stored.matches(candidate) {
                try db.execute(sql: "DELETE FROM payment_key_failure WHERE payment_id = ?", arguments: [paymentId])
                return .accepted
            }
            // A lockout that has run out starts the count afresh.
            let previous: Int64 = lockedUntil != nil ? 0 : (failure.flatMap { $0["failures"] as Int64? } ?? 0)
            let failures = previous + 1
            let lockUntil: Int64? = failures >= Self.lockoutThreshold ? now + Self.lockoutDuration : nil
            try db.execute(sql: """
                INSERT INTO payment_key_failure (payment_id, failures, locked_until) VALUES (?, ?, ?)
                ON CONFLICT(payment_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until
                """, arguments: [paymentId, failures, lockUntil])
            return .rejected
        }
    }

    enum ReplyOutcome: Sendable {
        case recorded(PaymentRecord)
        case replayed(PaymentRecord)
        case conflict(PaymentReplyRecord)
        case gone(PaymentStatus)
        case notFound
    }

    /// Records the Client's result (step 7). One transaction decides: the first reply wins,
    /// an identical one later is a replay, any other is a conflict.
    func reply(paymentId: String, reply: PaymentReply, fingerprint: String, now: Int64) async throws -> ReplyOutcome {
        try await write { db in
            guard var record = try Self.record(db, id: paymentId) else { return .notFound }
            try Self.expireIfDue(db, &record, now: now)
            switch record.status {
            case .expired, .cancelled:
                return .gone(record.status)
            case .paid, .failed:
                guard let response = record.response else { throw StoreError.corrupt("terminal reply without response") }
                return record.replyFingerprint == fingerprint ? .replayed(record) : .conflict(response)
            case .pending, .opened:
                break
            }
            let lineItems = reply.lineItems ?? record.details.lineItems
            let amount = reply.amount ?? reply.lineItems.flatMap(LineItem.total(of:)) ?? record.details.amount
            let response = PaymentReplyRecord(outcome: reply.outcome, amount: amount, lineItems: lineItems,
                                              transactionId: reply.transactionId, message: reply.message,
                                              repliedAt: Timestamp.rfc3339(milliseconds: now))
            try db.execute(sql: "UPDATE payment SET response = ?, reply_fingerprint = ? WHERE id = ?",
                           arguments: [String(decoding: try JSONCoding.encode(response), as: UTF8.self), fingerprint, paymentId])
            record.response = response
            record.replyFingerprint = fingerprint
            let formatted = PaymentRecord.formatted(amount, currency: record.details.currency)
            switch reply.outcome {
            case .success:
                try Self.transition(db, &record, to: .paid, note: "paid" + (reply.transactionId.map { " (transaction \($0))" } ?? ""),
                                    transcript: (.system, "Payment received: \(formatted)"), now: now)
            case .failure:
                let reason = reply.message.flatMap { $0.isEmpty ? nil : $0 } ?? "the payment did not go through"
                try Self.transition(db, &record, to: .failed, note: "failed: \(reason)",
                                    transcript: (.system, "Payment failed: \(reason)"), now: now)
            }
            return .recorded(record)
        }
    }
}
