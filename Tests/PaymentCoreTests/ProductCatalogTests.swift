import Foundation
import PropertyBased
@testable import PaymentCore
import Testing

/// The catalogue's pure rules: which products a typed name offers, in what order, and what a
/// template fills in.
@Suite("Product catalogue")
struct ProductCatalogTests {
    static let eur = Currency(code: "EUR") ?? .usd
    static let catalog = ProductCatalog(products: [
        CatalogProduct(sku: "GW", name: "Gift wrap", prices: [.usd: 450]),
        CatalogProduct(sku: "W-2", name: "Widget XL", prices: [.usd: 8_000]),
        CatalogProduct(sku: "SW", name: "Small widget", prices: [.usd: 1_000]),
        CatalogProduct(sku: "W-1", name: "Widget", prices: [.usd: 5_000, eur: 4_600]),
        CatalogProduct(sku: "XWIDE", name: "Extra", prices: [:]),
    ])

    @Test("names that start with the text first, then a word of the name, then SKUs, then anywhere")
    func ranking() {
        #expect(Self.catalog.offers(for: "wid").map(\.sku) == ["W-2", "W-1", "SW", "XWIDE"])
        #expect(Self.catalog.offers(for: "  WIDGET x").map(\.sku) == ["W-2"])
        #expect(Self.catalog.offers(for: "w-").map(\.sku) == ["W-2", "W-1"])
        #expect(Self.catalog.offers(for: "").isEmpty && Self.catalog.offers(for: "   ").isEmpty)
        #expect(Self.catalog.offers(for: "zzz").isEmpty)
    }

    @Test("an offer reads name · SKU · price, or says the currency has no price")
    func offerText() {
        let widget = Self.catalog.products[3]
        #expect(widget.offerText(in: .usd) == "Widget · W-1 · 50.00")
        #expect(widget.offerText(in: Self.eur) == "Widget · W-1 · 46.00")
        #expect(widget.offerText(in: Currency(code: "JPY") ?? .usd) == "Widget · W-1 · no JPY price")
    }

    @Test("any typed text, control characters included, offers without crashing")
    func anyText() async {
        await propertyCheck(count: 300, input: Gen.latin1.string(of: 0...12)) { text in
            let offers = Self.catalog.offers(for: text)
            #expect(offers.count <= Self.catalog.products.count)
        }
    }

    @Test("a template's draft: SKU prices in its currency, its own prices as given, no price left empty")
    func templateText() {
        let template = DraftTemplate(name: "t", description: "D", items: [.init(sku: "W-1", quantity: 3), .init(sku: "XWIDE")],
                                     metadata: [MetadataEntry(key: "k", value: "v")], key: "k-1", expiresInSeconds: 1_800)
        let (text, missing) = template.draftText(conversationId: "c", currency: Self.eur, catalog: Self.catalog, at: Self.noon, utcOffsetSeconds: 0)
        #expect(missing == ["XWIDE"])
        #expect(text.items == [DraftText.Item(name: "Widget", quantity: "3", unitPrice: "46.00", sku: "W-1"),
                               DraftText.Item(name: "Extra", quantity: "1", unitPrice: "", sku: "XWIDE")])
        #expect(text.currency == Self.eur && text.key == "k-1" && text.expires == "30m" && text.description == "D")
        let (draft, errors) = text.parsed(id: "x")
        #expect(errors.map(\.field) == ["lineItems[1].unitAmount"], "an empty price is an error, never zero")
        #expect(draft.lineItems.first == LineItem(name: "Widget", quantity: 3, unitAmount: 4_600, sku: "W-1"))
        // A template's own currency wins over the draft's.
        let own = DraftTemplate(name: "o", currency: .usd, amount: 12_550)
        let ownText = own.draftText(conversationId: "c", currency: Self.eur, catalog: .empty, at: Self.noon, utcOffsetSeconds: 0).text
        #expect(ownText.amount == "125.50" && ownText.currencyText == "USD")
    }

    /// 2026-12-01 12:30:05 UTC.
    static let noon = Date(timeIntervalSince1970: 1_796_128_205)

    @Test("a key pattern fills {date} and {time} in the agent's time; a bad pattern says what to change")
    func keyPattern() {
        let template = DraftTemplate(name: "t", key: "dep-{date}-{time}")
        let utc = template.draftText(conversationId: "c", currency: Self.eur, catalog: .empty, at: Self.noon, utcOffsetSeconds: 0).text
        #expect(utc.key == "dep-20261201-123005")
        // 23:30 UTC is already 12:30 the next day in Auckland (UTC+13).
        let late = Self.noon.addingTimeInterval(11 * 3600)
        #expect(template.draftText(conversationId: "c", currency: Self.eur, catalog: .empty, at: late, utcOffsetSeconds: 13 * 3600).text.key
                == "dep-20261202-123005")
        #expect(utc.parsed(id: "x").errors.isEmpty, "the filled key is a valid key")
        #expect(KeyPattern.problem(in: "dep-{date}") == nil)
        #expect(KeyPattern.problem(in: "dep-{seq}")?.contains("{date} and {time}") == true)
        #expect(KeyPattern.problem(in: "order 1042")?.contains("A-Z a-z 0-9") == true)
        #expect(KeyPattern.problem(in: String(repeating: "k", count: 120) + "{date}") == nil, "128 characters once filled")
        #expect(KeyPattern.problem(in: String(repeating: "k", count: 121) + "{date}") != nil, "129 characters once filled")
        #expect(KeyPattern.expand("plain", at: Self.noon, utcOffsetSeconds: 0) == "plain")
    }
}
