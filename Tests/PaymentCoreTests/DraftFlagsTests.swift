import Foundation
@testable import PaymentCore
import Testing

/// `quiqpay send`'s flags read into a draft: each problem named by the flag a user typed,
/// every problem at once, and a template's parts replaced only by the flags given.
@Suite("Draft flags")
struct DraftFlagsTests {
    static let eur = Currency(code: "EUR") ?? .usd
    static let catalog = ProductCatalog(products: [CatalogProduct(sku: "W-1", name: "Widget", prices: [.usd: 5_000])])
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let conversation = "0b5c9a4e-2f1d-4c3b-9a8e-7d6f5e4c3b2a"

    @Test("items keep colons in their names; the last two fields are quantity and unit price")
    func items() throws {
        let flags = DraftFlags(description: "Order", items: ["Cable: USB-C:2:7.50", "Widget:1:50"], metadata: ["ref=a=b"])
        let draft = try flags.draft(conversationId: Self.conversation, id: "d-1")
        #expect(draft.lineItems == [LineItem(name: "Cable: USB-C", quantity: 2, unitAmount: 750),
                                    LineItem(name: "Widget", quantity: 1, unitAmount: 5_000)])
        #expect(draft.metadata == [MetadataEntry(key: "ref", value: "a=b")])
        #expect(draft.currency == .usd && draft.id == "d-1" && draft.conversationId == Self.conversation)
    }

    @Test("every bad value is reported at once, each by its flag")
    func everyProblem() {
        let flags = DraftFlags(description: "Order", items: ["Widget:2", "Gadget:x:5.00"], metadata: ["novalue"])
        #expect(throws: DraftFlagsError.invalid([
            "--item Widget:2: write a line item as NAME:QUANTITY:UNIT_PRICE, e.g. Widget:2:50.00.",
            "--meta novalue: write it as KEY=VALUE.",
            "--item #1: The quantity “x” is not a whole number: type one from 1 to 10,000.",
        ])) { try flags.draft(conversationId: Self.conversation) }
    }

    @Test("what must be given comes first: a currency, a description, an amount or items")
    func missing() {
        #expect(throws: DraftFlagsError.unknownCurrency("XYZ")) { try DraftFlags(description: "a", amount: "1", currency: "XYZ").draft(conversationId: "c") }
        #expect(throws: DraftFlagsError.noDescription) { try DraftFlags(amount: "1").draft(conversationId: "c") }
        #expect(throws: DraftFlagsError.noAmount) { try DraftFlags(description: "a").draft(conversationId: "c") }
        #expect(DraftFlagsError.noAmount.description == "Give --amount or at least one --item NAME:QTY:UNIT.")
    }

    @Test("API field paths read as the flags that set them")
    func flagNames() {
        #expect(DraftFlags.flag(for: "lineItems[1].quantity") == "--item #2")
        #expect(DraftFlags.flag(for: "metadata.orderType") == "--meta")
        #expect(DraftFlags.flag(for: "expiresInSeconds") == "--expires")
        #expect(DraftFlags.flag(for: "conversationId") == "--conversation")
        #expect(DraftFlags.flag(for: "amount") == "--amount")
    }

    @Test("a template's draft keeps what no flag replaces; its currency cannot be overridden")
    func template() throws {
        let template = DraftTemplate(name: "deposit", description: "Deposit", currency: .usd, items: [.init(sku: "W-1", quantity: 2)])
        let flags = DraftFlags(description: "Deposit, second half")
        let text = try flags.templateText(template, named: "deposit", catalog: Self.catalog, catalogPath: "/c.yaml",
                                          conversationId: Self.conversation, defaultCurrency: Self.eur, at: Self.now, utcOffsetSeconds: 0)
        let draft = try flags.draft(conversationId: Self.conversation, template: text)
        #expect(draft.description == "Deposit, second half")
        #expect(draft.lineItems == [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000, sku: "W-1")])
        #expect(draft.currency == .usd)
        #expect(throws: DraftFlagsError.currencyBesideTemplate(given: "EUR", template: "deposit", templateCurrency: "USD")) {
            try DraftFlags(currency: "EUR").templateText(template, named: "deposit", catalog: Self.catalog, catalogPath: "/c.yaml",
                                                         conversationId: Self.conversation, defaultCurrency: .usd, at: Self.now, utcOffsetSeconds: 0)
        }
    }

    @Test("a template whose SKU has no price in its currency asks for --item")
    func unpriced() {
        let template = DraftTemplate(name: "euro", currency: Self.eur, items: [.init(sku: "W-1")])
        let error = DraftFlagsError.unpriced(template: "euro", currency: "EUR", skus: ["W-1"], catalogPath: "/c.yaml")
        #expect(throws: error) {
            try DraftFlags().templateText(template, named: "euro", catalog: Self.catalog, catalogPath: "/c.yaml",
                                          conversationId: Self.conversation, defaultCurrency: .usd, at: Self.now, utcOffsetSeconds: 0)
        }
        #expect(error.description == "--template euro: the catalogue has no EUR price for W-1: add one to /c.yaml, or give the items with --item.")
    }
}
