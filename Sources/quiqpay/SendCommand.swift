import ArgumentParser
import ConsoleApp
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

    @Flag(help: "Send even if the conversation has an active payment for the same amount and currency (refused otherwise, exit 1).")
    var allowDuplicate = false

    func run() async throws {
        let context = try CommandContext.make(platform, conversation: conversation)
        try await context.run { context in
            guard let conversationId = context.configuration.conversationId else {
                throw CommandFailure.badInput("No conversation given: pass --conversation or set QUIQ_CONVERSATION.")
            }
            let flags = DraftFlags(description: description, amount: amount, items: items, currency: currency,
                                   metadata: metadata, key: key, expires: expires)
            let start = try template.map { name throws(DraftFlagsError) in
                try flags.templateText(named: name, catalogPath: context.configuration.paths.catalogFile,
                                       conversationId: conversationId, defaultCurrency: context.configuration.currency)
            }
            let draft = try flags.draft(conversationId: conversationId, template: start)
            if !allowDuplicate { try await refuseDuplicate(of: draft, context: context) }
            await context.session.journalWrite { journal, platform throws(JournalError) in try await journal.saveDraft(draft, platform: platform) }
            let message = try await context.api.createPayment(draft)
            await context.session.remember(message, origin: .created)
            await context.session.journalWrite { journal, _ throws(JournalError) in try await journal.markSent(draftId: draft.id, paymentId: message.id) }
            context.output.show(message) { message in
                """
                short link  \(message.shortUrl ?? "-")
                full link   \(message.paymentUrl ?? "-")
                id          \(message.id)
                """
            }
        }
    }

    /// One request for the conversation's payments first; a platform that does not list them is
    /// said on stderr and the payment is sent unchecked.
    private func refuseDuplicate(of draft: PaymentDraft, context: CommandContext) async throws {
        let existing: PaymentMessage?
        do {
            existing = try await context.api.activeDuplicate(of: draft)
        } catch .unsupported {
            context.output.note("Not checked for a duplicate: this platform does not list a conversation's payments.")
            return
        }
        if let existing { throw DuplicatePaymentError(existing: existing) }
    }
}
