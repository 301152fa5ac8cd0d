/// When a new payment would repeat one the customer already has: an active payment in the
/// same conversation for the same amount and currency. The console asks before sending such a
/// draft and `quiqpay send` refuses it without `--allow-duplicate`; both decide with this.
/// A retry of the same draft (its id is the Idempotency-Key) is not a duplicate: it returns the
/// first payment again and creates nothing.
public enum DuplicateRule {
    public static func repeats(conversationId: String, currency: String, amount: Int64, active: Bool,
                               of draft: PaymentDraft) -> Bool {
        guard active, let total = draft.total else { return false }
        return conversationId == draft.conversationId && currency == total.currency.code && amount == total.minorUnits
    }

    /// Whether `message` is an active payment that `draft` would repeat.
    public static func repeats(_ message: PaymentMessage, of draft: PaymentDraft) -> Bool {
        repeats(conversationId: message.conversationId, currency: message.payment.currency, amount: message.payment.amount,
                active: message.status.isActive, of: draft)
    }
}
