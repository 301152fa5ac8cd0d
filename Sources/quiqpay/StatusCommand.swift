import ArgumentParser
import Foundation
import PaymentCore
import QuiqClient

/// `quiqpay status ID`: one payment as the platform sees it now.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print a payment: status, amounts, the Client's response and its events.")

    @OptionGroup var platform: PlatformOptions

    @Argument(help: "The payment's id.")
    var id: String

    func run() async throws {
        let context = try CommandContext.make(platform)
        try await context.run { context in
            let message = try await context.api.payment(id: id)
            await context.remember(message)
            if context.output.json {
                context.output.emit(message)
            } else {
                context.output.result(PaymentText.detail(message))
            }
        }
    }
}

/// How payments read in the terminal, shared by the commands.
enum PaymentText {
    static func money(_ minor: Int64, _ code: String) -> String {
        guard let currency = Currency(code: code) else { return "\(minor) \(code) minor units" }
        return Money(minorUnits: minor, currency: currency).formatted()
    }

    static func detail(_ message: PaymentMessage) -> String {
        let payment = message.payment
        var lines = [
            "payment      \(message.id)",
            "status       \(message.status.rawValue)",
            "description  \(payment.description)",
            "amount       \(money(payment.amount, payment.currency))",
        ]
        for item in payment.lineItems {
            lines.append("  item       \(item.quantity) × \(item.name) at \(money(item.unitAmount, payment.currency))")
        }
        for (key, value) in payment.metadata.sorted(by: { $0.key < $1.key }) {
            lines.append("  meta       \(key)=\(value)")
        }
        lines.append("conversation \(message.conversationId)")
        lines.append("created      \(message.createdAt)")
        lines.append("expires      \(message.expiresAt)")
        if let short = message.shortUrl { lines.append("short link   \(short)") }
        if let response = message.response {
            var text = "response     \(response.outcome.rawValue), \(money(response.amount, payment.currency))"
            if let transaction = response.transactionId { text += ", transaction \(transaction)" }
            if let note = response.message { text += ", “\(note)”" }
            text += " at \(response.repliedAt)"
            lines.append(text)
            if let override = message.override, !override.isEmpty {
                lines.append("  override   requested \(money(override.requestedAmount, payment.currency)), charged \(money(override.chargedAmount, payment.currency))")
            }
        }
        if let events = message.events, !events.isEmpty {
            lines.append("events")
            for event in events { lines.append("  \(event.at)  \(event.status.rawValue.padding(9))  \(event.note)") }
        }
        return lines.joined(separator: "\n")
    }
}
