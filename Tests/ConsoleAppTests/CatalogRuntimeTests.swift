@testable import ConsoleApp
import ConsoleUI
import Foundation
import PaymentCore
import Testing

/// The catalogue through the whole runtime, headless: read at start-up from XDG_CONFIG_HOME,
/// a template picked with `n`, its draft given an id by the effect performer, and sent. Nested
/// in the serialized runtime suite (curses allows one screen per process).
extension ConsoleRuntimeTests {
    @Test("n with templates in catalog.yaml: pick one, Compose opens pre-filled, Send creates it")
    func templateSent() async throws {
        let home = try HeadlessConsole.makeHome()
        let config = home.appendingPathComponent("config/quiqpay")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try """
            products:
              - {sku: W-1, name: Widget, prices: {USD: 50.00}}
            templates:
              - name: deposit
                description: Deposit for your order
                currency: USD
                items: [{sku: W-1, quantity: 2}, {name: Handling, price: 5.00}]
                metadata: {orderType: deposit}
            """.write(to: config.appendingPathComponent("catalog.yaml"), atomically: true, encoding: .utf8)
        try await HeadlessConsole.with(.configured, home: home) { console in
            try await console.waitFor("the embedded platform connected") { $0.rows.first?.contains("● connected") == true }
            #expect(console.services.paths.catalogFile == config.appendingPathComponent("catalog.yaml").path)
            console.keys(.char("n"))
            try await console.waitFor(text: "deposit — Deposit for your order · USD 105.00")
            console.type("dep")
            console.keys(.enter)
            let opened = try await console.waitFor("Compose on the template's draft") { shown in
                shown.state.screen == .compose && shown.text.contains("Total USD 105.00")
            }
            let draft = try #require(opened.state.compose?.draft)
            #expect(Identifier.isLowercaseUUID(draft.id), "the performer gave the draft its Idempotency-Key")
            #expect(draft.description == "Deposit for your order")
            console.keys(.ctrl("s"))
            try await console.waitFor("the preview") { $0.state.screen == .preview }
            console.keys(.enter)
            let sent = try await console.waitFor("the detail of the new payment") { $0.state.screen == .detail && $0.text.contains("PENDING") }
            let payment = try #require(sent.state.paymentMessages.first)
            #expect(payment.payment.amount == 10_500)
            #expect(payment.payment.lineItems.map(\.name) == ["Widget", "Handling"])
            #expect(payment.payment.metadata == ["orderType": "deposit"])
        }
    }

    @Test("catalog.yaml written while the console runs is read again: its products are offered; a broken edit keeps the last good one")
    func catalogueReadAgain() async throws {
        let home = try HeadlessConsole.makeHome()
        let config = home.appendingPathComponent("config/quiqpay")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let file = config.appendingPathComponent("catalog.yaml")
        try await HeadlessConsole.with(.configured, home: home) { console in
            try await console.waitFor("the embedded platform connected") { $0.rows.first?.contains("● connected") == true }
            let before = try await console.waitFor(text: "No payments yet.")
            #expect(before.state.catalog.products.isEmpty && before.state.catalog.templates.isEmpty)
            try "products:\n  - {sku: W-1, name: Widget, prices: {USD: 50.00}}\n".write(to: file, atomically: true, encoding: .utf8)
            let read = try await console.waitFor("the new file read", timeout: 10) { $0.text.contains("Read catalog.yaml again: 1 product, 0 templates.") }
            #expect(read.state.catalog.products.map(\.sku) == ["W-1"])
            try "products:\n  - {sku: W-1, name: Widget, prices: {USD: 4.555}}\n".write(to: file, atomically: true, encoding: .utf8)
            let broken = try await console.waitFor("the broken edit said", timeout: 10) {
                $0.text.contains("The catalogue read before stays in use until it is fixed.")
            }
            #expect(broken.text.contains("catalog.yaml:2"))
            #expect(broken.state.catalog.products.map(\.sku) == ["W-1"])
            try FileManager.default.removeItem(at: file)
            let removed = try await console.waitFor("the removed file read as none", timeout: 10) { $0.state.catalog.products.isEmpty }
            #expect(removed.state.catalog.templates.isEmpty)
        }
    }
}
