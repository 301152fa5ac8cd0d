/// The body of "Replies to the custom interaction message" (step 7): the Client's result,
/// with optional overrides of the amount and line items (a tip, a partial payment, tax).
public struct PaymentReply: Hashable, Sendable, Codable {
    public var outcome: PaymentOutcome
    public var transactionId: String?
    public var message: String?
    public var amount: Int64?
    public var lineItems: [LineItem]?

    public init(outcome: PaymentOutcome, transactionId: String? = nil, message: String? = nil,
                amount: Int64? = nil, lineItems: [LineItem]? = nil) {
        self.outcome = outcome
        self.transactionId = transactionId
        self.message = message
        self.amount = amount
        self.lineItems = lineItems
    }

    /// Override rules, as on create; an empty list when there are no overrides.
    public func violations() -> [FieldViolation] {
        var out: [FieldViolation] = []
        if amount != nil || lineItems != nil {
            var overrides = PaymentRequest.amountViolations(amount: amount, lineItems: lineItems ?? [], field: "amount", itemsField: "lineItems")
            // Overrides may give line items alone; an explicit empty item list with no amount is the only gap.
            if amount == nil, lineItems?.isEmpty == true {
                overrides = [FieldViolation(field: "lineItems", message: "Give at least one line item, or an amount, to override.")]
            }
            out += overrides
        }
        if let transactionId, transactionId.count > 200 {
            out.append(FieldViolation(field: "transactionId", message: "Shorten the transaction id to at most 200 characters."))
        }
        if let message, message.count > 500 {
            out.append(FieldViolation(field: "message", message: "Shorten the message to at most 500 characters."))
        }
        return out
    }
}
