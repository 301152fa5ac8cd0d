import Foundation

extension PaymentMessage {
    /// The payment as `quiqpay status` prints it, one fact a line: status, amounts, items,
    /// metadata, links, the Client's response and the event timeline. Plain text for a terminal
    /// or a pipe, with amounts in the payment's currency.
    public var detailText: String {
        var lines = [
            "payment      \(id)",
            "status       \(status.rawValue)",
            "description  \(payment.description)",
            "amount       \(Self.money(payment.amount, payment.currency))",
        ]
        for item in payment.lineItems {
            lines.append("  item       \(item.quantity) × \(item.name) at \(Self.money(item.unitAmount, payment.currency))")
        }
        for (key, value) in payment.metadata.sorted(by: { $0.key < $1.key }) {
            lines.append("  meta       \(key)=\(value)")
        }
        lines.append("conversation \(conversationId)")
        lines.append("created      \(createdAt)")
        lines.append("expires      \(expiresAt)")
        if let shortUrl { lines.append("short link   \(shortUrl)") }
        if let response {
            var text = "response     \(response.outcome.rawValue), \(Self.money(response.amount, payment.currency))"
            if let transaction = response.transactionId { text += ", transaction \(transaction)" }
            if let note = response.message { text += ", “\(note)”" }
            text += " at \(response.repliedAt)"
            lines.append(text)
            if let override, !override.isEmpty {
                lines.append("  override   requested \(Self.money(override.requestedAmount, payment.currency)), charged \(Self.money(override.chargedAmount, payment.currency))")
            }
        }
        if let events, !events.isEmpty {
            lines.append("events")
            // Statuses are at most 9 characters ("cancelled"): padding never cuts one.
            for event in events { lines.append("  \(event.at)  \(event.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(event.note)") }
        }
        return lines.joined(separator: "\n")
    }

    /// An amount of minor units in `code`, or the bare minor units when `code` is no ISO 4217 currency.
    static func money(_ minor: Int64, _ code: String) -> String {
        guard let currency = Currency(code: code) else { return "\(minor) \(code) minor units" }
        return Money(minorUnits: minor, currency: currency).formatted()
    }
}
