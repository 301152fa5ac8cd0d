import Foundation
import PaymentCore
import QuiqClient
import Testing
import TestSupport

/// `quiqpay send --template NAME` as the real binary, against the sandbox on loopback.
@Suite("quiqpay send --template")
struct SendTemplateTests {
    static let catalog = """
        products:
          - sku: W-1
            name: Widget
            prices: {USD: 50.00, EUR: 46.00}
          - sku: SETUP
            name: Installation
            prices: {USD: 120.00}
        templates:
          - name: deposit
            description: Deposit for your order
            currency: USD
            items:
              - {sku: W-1, quantity: 2}
              - {name: Handling, price: 5.00}
            metadata: {orderType: deposit}
            key: dep-1
            expires: 2h
          - name: setup
            description: Installation visit
            items:
              - sku: SETUP
        """

    static func writeCatalog(_ cli: QuiqPayProcess, _ text: String) throws {
        let directory = cli.home + "/config/quiqpay"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: directory + "/catalog.yaml", atomically: true, encoding: .utf8)
    }

    @Test("sends the template's draft: description, SKU-priced items, metadata, key and expiry")
    func sendsTemplate() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        try Self.writeCatalog(cli, Self.catalog)
        let sent = try await cli.run(["send", "--json", "--template", "deposit"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let message = try sent.json(PaymentMessage.self)
        #expect(message.payment.description == "Deposit for your order")
        #expect(message.payment.currency == "USD" && message.payment.amount == 10_500)
        #expect(message.payment.lineItems == [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000, sku: "W-1"),
                                              LineItem(name: "Handling", quantity: 1, unitAmount: 500)])
        #expect(message.payment.metadata == ["orderType": "deposit"])
        #expect(message.key == "dep-1")
        let created = try #require(RFC3339.date(message.createdAt))
        let expires = try #require(RFC3339.date(message.expiresAt))
        #expect(abs(expires.timeIntervalSince(created) - 7_200) < 2)
        // The platform has it as sent.
        let read = try await withAPI(sandbox.options()) { api in try await api.payment(id: message.id) }
        #expect(read.payment.lineItems.first?.sku == "W-1")
        await sandbox.stop()
    }

    @Test("other flags replace the template's parts; a template without a currency takes --currency")
    func flagsOverride() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        try Self.writeCatalog(cli, Self.catalog)
        let sent = try await cli.run(["send", "--json", "--template", "deposit", "--description", "Deposit for order 1042",
                                      "--meta", "orderId=1042", "--key", "ord-1042"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let message = try sent.json(PaymentMessage.self)
        #expect(message.payment.description == "Deposit for order 1042")
        #expect(message.payment.metadata == ["orderType": "deposit", "orderId": "1042"])
        #expect(message.key == "ord-1042" && message.payment.amount == 10_500)

        // setup names no currency: its SKU is priced in the one given, and refused where it has none.
        let usd = try await cli.run(["send", "--json", "--template", "setup", "--currency", "USD"])
        #expect(usd.status == 0, "\(usd.stderr)")
        #expect(try usd.json(PaymentMessage.self).payment.amount == 12_000)
        let eur = try await cli.run(["send", "--template", "setup", "--currency", "EUR"])
        #expect(eur.status == 2)
        #expect(eur.stderr.contains("--template setup: the catalogue has no EUR price for SETUP"))
        let conflict = try await cli.run(["send", "--template", "deposit", "--currency", "EUR"])
        #expect(conflict.status == 2)
        #expect(conflict.stderr.contains("the template deposit is in USD: leave --currency out"))
        let list = try await withAPI(sandbox.options()) { api in try await api.payments(inConversation: sandbox.conversationId) }
        #expect(list.count == 2, "nothing sent for the refused ones")
        await sandbox.stop()
    }

    @Test("an unknown template, no catalogue, or a broken one exits 2 with what to fix, and sends nothing")
    func refusals() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        let path = cli.home + "/config/quiqpay/catalog.yaml"
        let none = try await cli.run(["send", "--template", "deposit"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("There is no catalogue at \(path): copy catalog.example.yaml there"))
        try Self.writeCatalog(cli, Self.catalog)
        let unknown = try await cli.run(["send", "--template", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("\(path) has no template “nope”: use one of deposit, setup."))
        try Self.writeCatalog(cli, "products:\n  - sku: W-1\n    name: Widget\n    prices: {USD: 4.555}\n")
        let broken = try await cli.run(["send", "--template", "deposit"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("\(path):4: products[0].prices.USD: USD allows at most 2 decimals: round the amount."))
        let missing = try await cli.run(["send", "--amount", "1"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Give --description (what the customer pays for), or --template NAME."))
        let list = try await withAPI(sandbox.options()) { api in try await api.payments(inConversation: sandbox.conversationId) }
        #expect(list.isEmpty)
        await sandbox.stop()
    }
}
