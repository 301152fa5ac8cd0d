import ArgumentParser
import Foundation
import PaymentCore
import QuiqClient

/// `quiqpay send`: composes a payment request from flags and sends it, once.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a payment request into a conversation and print its links.",
        discussion: """
            Give either --amount or one --item per line item. The request is sent with its draft id \
            as Idempotency-Key, so a retry after a lost answer never creates a second payment.
            """)

    @OptionGroup var platform: PlatformOptions

    @Option(help: "The conversation to send into (default: QUIQ_CONVERSATION, config.yaml, or the sandbox's demo conversation).")
    var conversation: String?

    @Option(help: "What the customer pays for (1 to 500 characters).")
    var description: String

    @Option(help: "The amount, e.g. 125.50; left out, it is the sum of the items.")
    var amount: String?

    @Option(name: .customLong("item"), help: "A line item as NAME:QUANTITY:UNIT_PRICE, e.g. \"Widget:2:50.00\"; repeatable.")
    var items: [String] = []

    @Option(help: "ISO 4217 currency code.")
    var currency: String = "USD"

    @Option(name: .customLong("meta"), help: "Metadata for the Client as KEY=VALUE; repeatable.")
    var metadata: [String] = []

    @Option(help: "An optional key mirrored into the payment link ([A-Za-z0-9._~-], up to 128).")
    var key: String?

    @Option(help: "How long the link stays valid: 90s, 30m, 24h, 7d (default: the platform's).")
    var expires: String?

    func run() async throws {
        let context = try CommandContext.make(platform, conversation: conversation)
        try await context.run { context in
            guard let conversationId = context.configuration.conversationId else {
                throw CommandFailure.badInput("No conversation given: pass --conversation or set QUIQ_CONVERSATION.")
            }
            let draft = try makeDraft(conversationId: conversationId)
            let platformName = context.configuration.platformName
            try? await context.journal?.saveDraft(draft, platform: platformName)
            let message = try await context.api.createPayment(draft)
            await context.remember(message, origin: .created)
            try? await context.journal?.markSent(draftId: draft.id, paymentId: message.id)
            if context.output.json {
                context.output.emit(message)
            } else {
                context.output.result("""
                    short link  \(message.shortUrl ?? "-")
                    full link   \(message.paymentUrl ?? "-")
                    id          \(message.id)
                    """)
            }
        }
    }

    /// The draft the flags describe, or a bad-input failure listing every problem at once.
    func makeDraft(conversationId: String) throws -> PaymentDraft {
        guard let currency = Currency(code: currency) else {
            throw CommandFailure.badInput("“\(self.currency)” is not an ISO 4217 currency code: use one such as USD (see `quiqpay currencies`).")
        }
        if amount == nil, items.isEmpty {
            throw CommandFailure.badInput("Give --amount or at least one --item NAME:QTY:UNIT.")
        }
        var problems: [String] = []
        var minor: Int64?
        if let amount {
            do { minor = try Money.parse(amount, currency: currency).minorUnits } catch { problems.append("--amount: \(error)") }
        }
        var lineItems: [LineItem] = []
        for text in items {
            do { lineItems.append(try Self.parseItem(text, currency: currency)) } catch { problems.append("--item \(text): \(error)") }
        }
        var entries: [MetadataEntry] = []
        for pair in metadata {
            guard let equals = pair.firstIndex(of: "=") else {
                problems.append("--meta \(pair): write it as KEY=VALUE.")
                continue
            }
            entries.append(MetadataEntry(key: String(pair[..<equals]), value: String(pair[pair.index(after: equals)...])))
        }
        var seconds: Int?
        if let expires {
            do { seconds = try ExpiryDuration.seconds(from: expires) } catch { problems.append("--expires: \(error)") }
        }
        if !problems.isEmpty { throw CommandFailure.badInput(problems.joined(separator: "\n")) }
        let draft = PaymentDraft(id: UUID().uuidString.lowercased(), conversationId: conversationId, description: description,
                                 currency: currency, amount: minor, lineItems: lineItems, metadata: entries, key: key,
                                 expiresInSeconds: seconds)
        let violations = draft.validate()
        if !violations.isEmpty {
            throw CommandFailure.badInput(violations.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
        }
        return draft
    }

    /// `NAME:QTY:UNIT`; the name may itself contain colons (the last two fields are numbers).
    static func parseItem(_ text: String, currency: Currency) throws -> LineItem {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { throw CommandFailure.badInput("write a line item as NAME:QUANTITY:UNIT_PRICE, e.g. Widget:2:50.00.") }
        let name = parts.dropLast(2).joined(separator: ":")
        guard let quantity = Int64(parts[parts.count - 2]) else {
            throw CommandFailure.badInput("the quantity “\(parts[parts.count - 2])” is not a whole number.")
        }
        let unit = try Money.parse(String(parts[parts.count - 1]), currency: currency)
        return LineItem(name: name, quantity: quantity, unitAmount: unit.minorUnits)
    }
}
