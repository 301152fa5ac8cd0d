/// How the Client's reply differs from what was requested (API.md lets a Client override the
/// amount and line items: a tip, a partial payment, tax or shipping), for display beside the original.
public struct ReplyOverride: Hashable, Sendable {
    /// Requested and charged amounts, in minor units of the payment's currency.
    public let requestedAmount: Int64
    public let chargedAmount: Int64
    public let lineChanges: [LineChange]

    /// Charged minus requested: positive for a tip or tax, negative for a partial payment.
    public var amountDelta: Int64 { chargedAmount - requestedAmount }
    /// True when the Client paid exactly what was asked, line for line.
    public var isEmpty: Bool { amountDelta == 0 && lineChanges.isEmpty }

    public init(requested: PaymentDetails, reply: PaymentReplyRecord) {
        requestedAmount = requested.amount
        chargedAmount = reply.amount
        lineChanges = ReplyOverride.diff(requested.lineItems, reply.lineItems)
    }

    /// One difference between the requested and the replied line items.
    public enum LineChange: Hashable, Sendable {
        case added(LineItem)
        case removed(LineItem)
        case changed(from: LineItem, to: LineItem)
    }

    /// Lines are matched by SKU when both have one, else by name, in order; unmatched
    /// replied lines are additions and unmatched requested lines are removals.
    static func diff(_ requested: [LineItem], _ replied: [LineItem]) -> [LineChange] {
        var remaining = replied
        var changes: [LineChange] = []
        for item in requested {
            let match = remaining.firstIndex { candidate in
                if let a = item.sku, let b = candidate.sku { return a == b }
                return candidate.name == item.name
            }
            guard let match else { changes.append(.removed(item)); continue }
            let other = remaining.remove(at: match)
            if other != item { changes.append(.changed(from: item, to: other)) }
        }
        changes += remaining.map(LineChange.added)
        return changes
    }
}
