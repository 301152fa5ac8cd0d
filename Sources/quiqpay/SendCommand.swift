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
            Give either --amount or one --item per line item, or --template NAME to start from a \
            template of catalog.yaml (any other flag given replaces that part of it). The request is \
            sent with its draft id as Idempotency-Key, so a retry after a lost answer never creates a \
            second payment.
            """)

    @OptionGroup var platform: PlatformOptions

    @Option(help: "The conversation to send into (default: QUIQ_CONVERSATION, config.yaml, or the sandbox's demo conversation).")
    var conversation: String?

    @Option(help: "Start from this template of $XDG_CONFIG_HOME/quiqpay/catalog.yaml (see catalog.example.yaml).")
    var template: String?

    @Option(help: "What the customer pays for (1 to 500 characters).")
    var description: String?

    @Option(help: "The amount, e.g. 125.50; left out, it is the sum of the items.")
    var amount: String?

    @Option(name: .customLong("item"), help: "A line item as NAME:QUANTITY:UNIT_PRICE, e.g. \"Widget:2:50.00\"; repeatable.")
    var items: [String] = []

    @Option(help: "ISO 4217 currency code (default: USD; with --template, the template's, else QUIQPAY_CURRENCY or config.yaml).")
    var currency: String?

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
            let start = try templateText(conversationId: conversationId, defaultCurrency: context.configuration.currency,
                                         catalogPath: context.configuration.paths.catalogFile)
            let draft = try makeDraft(conversationId: conversationId, template: start)
            await context.journalWrite { journal, platform throws(JournalError) in try await journal.saveDraft(draft, platform: platform) }
            let message = try await context.api.createPayment(draft)
            await context.remember(message, origin: .created)
            await context.journalWrite { journal, _ throws(JournalError) in try await journal.markSent(draftId: draft.id, paymentId: message.id) }
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

    /// The draft the flags describe, or a bad-input failure listing every problem at once, each
    /// named by its flag. The numbers are read by `DraftText`, as Compose reads them.
    func makeDraft(conversationId: String, template start: DraftText? = nil) throws(CommandFailure) -> PaymentDraft {
        let code = currency ?? start?.currencyText ?? "USD"
        let chosen = Currency(code: code)
        guard chosen != nil else {
            throw CommandFailure.badInput("“\(code)” is not an ISO 4217 currency code: use one such as USD (see `quiqpay currencies`).")
        }
        if start == nil, description == nil {
            throw CommandFailure.badInput("Give --description (what the customer pays for), or --template NAME.")
        }
        if amount == nil, items.isEmpty, start.map({ $0.amount.isEmpty && $0.items.isEmpty }) ?? true {
            throw CommandFailure.badInput("Give --amount or at least one --item NAME:QTY:UNIT.")
        }
        var problems: [String] = []
        var cells: [DraftText.Item] = []
        for text in items {
            // NAME:QTY:UNIT; the name may itself contain colons (the last two fields are numbers).
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3 else {
                problems.append("--item \(text): write a line item as NAME:QUANTITY:UNIT_PRICE, e.g. Widget:2:50.00.")
                continue
            }
            cells.append(DraftText.Item(name: parts.dropLast(2).joined(separator: ":"), quantity: String(parts[parts.count - 2]),
                                        unitPrice: String(parts[parts.count - 1])))
        }
        var entries: [MetadataEntry] = []
        for pair in metadata {
            guard let equals = pair.firstIndex(of: "=") else {
                problems.append("--meta \(pair): write it as KEY=VALUE.")
                continue
            }
            entries.append(MetadataEntry(key: String(pair[..<equals]), value: String(pair[pair.index(after: equals)...])))
        }
        // The template's draft, each part a flag gives replaced by it (--meta adds or replaces keys).
        var text = start ?? DraftText(conversationId: conversationId, description: "", currency: chosen)
        text.currency = chosen
        text.currencyText = code
        if let description { text.description = description }
        if let amount { text.amount = amount }
        if !items.isEmpty { text.items = cells }
        for entry in entries {
            text.metadata.removeAll { $0.key == entry.key }
            text.metadata.append(entry)
        }
        if let key { text.key = key }
        if let expires { text.expires = expires }
        let (draft, errors) = text.parsed(id: UUID().uuidString.lowercased())
        problems += errors.map { "\(Self.flag(for: $0.field)): \($0.message)" }
        if problems.isEmpty {
            problems = draft.validate().map { "\(Self.flag(for: $0.field)): \($0.message)" }
        }
        if !problems.isEmpty { throw CommandFailure.badInput(problems.joined(separator: "\n")) }
        return draft
    }

    /// The draft of `--template NAME` as text, in the template's currency (else --currency, else
    /// the configured one); nil without --template.
    func templateText(conversationId: String, defaultCurrency: Currency, catalogPath: String) throws(CommandFailure) -> DraftText? {
        guard let name = template else { return nil }
        let found: (DraftTemplate, ProductCatalog)
        do { found = try CatalogFile.template(name, path: catalogPath) } catch {
            throw CommandFailure.badInput("--template \(name): \(error.description)")
        }
        let (chosen, catalog) = found
        var fallback = defaultCurrency
        if let currency {
            guard let given = Currency(code: currency) else {
                throw CommandFailure.badInput("“\(currency)” is not an ISO 4217 currency code: use one such as USD (see `quiqpay currencies`).")
            }
            if let own = chosen.currency, own != given {
                throw CommandFailure.badInput("--currency \(currency): the template \(name) is in \(own.code): leave --currency out.")
            }
            fallback = given
        }
        let (text, missing) = chosen.draftText(conversationId: conversationId, currency: fallback, catalog: catalog, at: Date(),
                                               utcOffsetSeconds: TimeZone.current.secondsFromGMT())
        if !missing.isEmpty, items.isEmpty {
            let code = chosen.currency?.code ?? fallback.code
            throw CommandFailure.badInput("--template \(name): the catalogue has no \(code) price for \(missing.joined(separator: ", ")): add one to \(catalogPath), or give the items with --item.")
        }
        return text
    }

    /// The flag that sets an API field: `lineItems[1].quantity` is the second `--item`.
    static func flag(for field: String) -> String {
        if field.hasPrefix("lineItems[") {
            let index = field.dropFirst("lineItems[".count).prefix { $0.isNumber }
            return "--item #\((Int(index) ?? 0) + 1)"
        }
        if field.hasPrefix("metadata") { return "--meta" }
        switch field {
        case "expiresInSeconds": return "--expires"
        case "conversationId": return "--conversation"
        default: return "--" + field
        }
    }
}
