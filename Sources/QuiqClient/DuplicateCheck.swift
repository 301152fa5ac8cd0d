import Foundation
import PaymentCore

/// An active payment a new one would repeat (`DuplicateRule`): what `quiqpay send` refuses
/// without `--allow-duplicate`, naming the payment so the agent can resend its link instead.
public struct DuplicatePaymentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var existing: PaymentMessage

    public init(existing: PaymentMessage) {
        self.existing = existing
    }

    public var description: String {
        let currency = Currency(code: existing.payment.currency) ?? .unlisted(code: existing.payment.currency)
        let amount = Money(minorUnits: existing.payment.amount, currency: currency).formatted(.symbol)
        return "This conversation already has an active payment for \(amount): “\(existing.payment.description)”, "
            + "\(existing.status.rawValue) since \(existing.createdAt) (id \(existing.id)): resend its link with "
            + "`quiqpay resend \(existing.id)`, or pass --allow-duplicate to send another one."
    }
}

extension QuiqAPI {
    /// The newest active payment of the draft's conversation that the draft would repeat, or nil.
    /// One request: the conversation's payments.
    public func activeDuplicate(of draft: PaymentDraft) async throws(QuiqClientError) -> PaymentMessage? {
        try await payments(inConversation: draft.conversationId)
            .filter { DuplicateRule.repeats($0, of: draft) }
            .max { (RFC3339.date($0.createdAt) ?? .distantPast) < (RFC3339.date($1.createdAt) ?? .distantPast) }
    }
}
