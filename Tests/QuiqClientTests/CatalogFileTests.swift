import Foundation
import PaymentCore
import QuiqClient
import Testing

/// `catalog.yaml` read as the console and `send --template` read it: the shipped example, and
/// each kind of mistake named by file, line and field with what to fix.
@Suite("catalog.yaml")
struct CatalogFileTests {
    static let path = "/home/agent/.config/quiqpay/catalog.yaml"

    static func parse(_ text: String) throws(CatalogError) -> ProductCatalog {
        try CatalogFile.parse(text, path: path)
    }

    @Test("the shipped catalog.example.yaml reads, prices in minor units by each currency's exponent")
    func example() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = try #require(try CatalogFile.load(path: root.appendingPathComponent("catalog.example.yaml").path))
        let widget = try #require(catalog.product(sku: "W-1"))
        #expect(widget.name == "Widget")
        #expect(widget.prices == [.usd: 5_000, try #require(Currency(code: "EUR")): 4_600, try #require(Currency(code: "JPY")): 7_500])
        #expect(catalog.offers(for: "wid").map(\.sku) == ["W-1", "W-2"])
        #expect(widget.offerText(in: .usd) == "Widget · W-1 · 50.00")
        let setup = try #require(catalog.product(sku: "SETUP"))
        #expect(setup.offerText(in: try #require(Currency(code: "EUR"))) == "Installation · SETUP · no EUR price")
        let deposit = try #require(catalog.template(named: "deposit"))
        #expect(deposit.currency == .usd)
        #expect(deposit.items == [.init(sku: "W-1", quantity: 2), .init(name: "Handling", quantity: 1, unitAmount: 500)])
        #expect(deposit.metadata == [MetadataEntry(key: "orderType", value: "deposit")])
        #expect(deposit.key == "deposit-{date}-{time}" && deposit.expiresInSeconds == 7_200)
        let consultation = try #require(catalog.template(named: "consultation"))
        #expect(consultation.amount == 9_000 && consultation.currency?.code == "EUR")
    }

    @Test("prices are read from their text, never as floating point: 0.30, 1,250.00, KWD 1.005, JPY 7500")
    func pricesAreExact() throws {
        let catalog = try Self.parse("""
            products:
              - {sku: A, name: A, prices: {USD: 0.30}}
              - {sku: B, name: B, prices: {USD: "1,250.00", kwd: 1.005, JPY: 7500}}
            """)
        #expect(catalog.product(sku: "A")?.prices[.usd] == 30)
        let b = try #require(catalog.product(sku: "B"))
        #expect(b.prices[.usd] == 125_000)
        #expect(b.prices[try #require(Currency(code: "KWD"))] == 1_005)
        #expect(b.prices[try #require(Currency(code: "JPY"))] == 7_500)
    }

    @Test("no file is no catalogue; an empty file or only comments is an empty one")
    func missingAndEmpty() throws {
        #expect(try CatalogFile.load(path: "/nonexistent/catalog.yaml") == nil)
        #expect(try Self.parse("") == .empty)
        #expect(try Self.parse("# nothing yet\n") == .empty)
        #expect(try Self.parse("products: []\ntemplates:\n") == .empty)
    }

    /// One mistake per file: the line, the field and a phrase of the fix the error must give.
    static let mistakes: [(name: String, yaml: String, line: Int?, field: String, says: String)] = [
        ("syntax", "products:\n  - sku: W-1\n   name: Widget\n", 3, "", "the YAML is malformed"),
        ("top level not a mapping", "- sku: W-1\n", 1, "", "the file must be a mapping with products: and templates:"),
        ("unknown top-level key", "product:\n  - sku: W-1\n", 1, "product", "unknown key: the file has products: and templates:"),
        ("products not a list", "products:\n  sku: W-1\n", 2, "products", "write it as a list"),
        ("unknown product key", "products:\n  - sku: W-1\n    name: Widget\n    prise: {USD: 1}\n", 4, "products[0].prise", "a product has sku:, name: and prices:"),
        ("missing sku", "products:\n  - name: Widget\n", 2, "products[0].sku", "give the product a sku:"),
        ("missing name", "products:\n  - sku: W-1\n  - sku: W-2\n    name: Two\n", 2, "products[0].name", "give the product a name:"),
        ("empty name", "products:\n  - sku: W-1\n    name:\n", 3, "products[0].name", "is empty"),
        ("duplicate SKU", "products:\n  - {sku: W-1, name: A}\n  - {sku: W-1, name: B}\n", 3, "products[1].sku", "used by an earlier product"),
        ("unknown currency", "products:\n  - sku: W-1\n    name: Widget\n    prices:\n      USD: 1.00\n      XYZ: 2.00\n", 6, "products[0].prices.XYZ", "not an ISO 4217 currency"),
        ("too many decimals", "products:\n  - sku: W-1\n    name: Widget\n    prices:\n      USD: 4.555\n", 5, "products[0].prices.USD", "USD allows at most 2 decimals"),
        ("decimals in JPY", "products:\n  - sku: W-1\n    name: Widget\n    prices: {JPY: 75.5}\n", 4, "products[0].prices.JPY", "JPY has no minor unit"),
        ("price not a number", "products:\n  - sku: W-1\n    name: Widget\n    prices: {USD: fifty}\n", 4, "products[0].prices.USD", "is not an amount"),
        ("price a list", "products:\n  - sku: W-1\n    name: Widget\n    prices:\n      USD: [1, 2]\n", 5, "products[0].prices.USD", "must be plain text"),
        ("prices not a mapping", "products:\n  - sku: W-1\n    name: Widget\n    prices: 50.00\n", 4, "products[0].prices", "mapping of currency codes to amounts"),
        ("duplicate key", "products:\n  - sku: W-1\n    sku: W-2\n    name: Widget\n", nil, "", "appears twice"),
        ("template without a name", "templates:\n  - description: Deposit\n", 2, "templates[0].name", "give the template a name:"),
        ("template name with a space", "templates:\n  - name: my deposit\n", 2, "templates[0].name", "one word"),
        ("duplicate template", "templates:\n  - name: a\n  - name: a\n", 3, "templates[1].name", "used by an earlier template"),
        ("amount without currency", "templates:\n  - name: a\n    amount: 10.00\n", 3, "templates[0].amount", "give the template a currency"),
        ("price without currency", "templates:\n  - name: a\n    items:\n      - name: Fee\n        price: 5.00\n", 5, "templates[0].items[0].price", "give the template a currency"),
        ("unknown SKU", "products:\n  - {sku: W-1, name: Widget, prices: {USD: 1}}\ntemplates:\n  - name: a\n    items:\n      - sku: W-9\n", 6, "templates[0].items[0].sku", "no product has the SKU “W-9”"),
        ("SKU without the template's price", "products:\n  - {sku: W-1, name: Widget, prices: {USD: 1}}\ntemplates:\n  - name: a\n    currency: EUR\n    items:\n      - sku: W-1\n", 7, "templates[0].items[0].sku", "has no EUR price"),
        ("item with neither", "templates:\n  - name: a\n    currency: USD\n    items:\n      - quantity: 2\n", 5, "templates[0].items[0]", "give the line item a sku:"),
        ("item without price", "templates:\n  - name: a\n    currency: USD\n    items:\n      - name: Fee\n", 5, "templates[0].items[0].price", "give “Fee” a price:"),
        ("bad quantity", "templates:\n  - name: a\n    currency: USD\n    items:\n      - {name: Fee, price: 1, quantity: 2.5}\n", 5, "templates[0].items[0].quantity", "write a whole number from 1 to 10,000"),
        ("bad expiry", "templates:\n  - name: a\n    expires: 2 weeks\n", 3, "templates[0].expires", "is not a duration"),
        ("bad key", "templates:\n  - name: a\n    key: order 1042\n", 3, "templates[0].key", "A-Z a-z 0-9"),
        ("unknown placeholder", "templates:\n  - name: a\n    key: o-{seq}\n", 3, "templates[0].key", "the only placeholders are {date} and {time}"),
        ("unknown template key", "templates:\n  - name: a\n    lineItems: []\n", 3, "templates[0].lineItems", "a template has name:"),
    ]

    @Test("each kind of mistake names its line and field and says what to fix",
          arguments: mistakes.indices)
    func mistake(index: Int) throws {
        let mistake = Self.mistakes[index]
        do {
            let catalog = try Self.parse(mistake.yaml)
            Issue.record("\(mistake.name): read as \(catalog), expected an error")
        } catch {
            let problem = try #require(error.problems.first)
            if let line = mistake.line { #expect(problem.line == line, "\(mistake.name): \(problem)") }
            #expect(problem.field == mistake.field, "\(mistake.name): \(problem)")
            #expect(problem.message.contains(mistake.says), "\(mistake.name): \(problem)")
            let expectedStart = Self.path + ":" + (problem.line.map { "\($0):" } ?? "")
            #expect(error.description.hasPrefix(expectedStart), "\(mistake.name): \(error.description)")
        }
    }

    @Test("every problem is collected; the description gives the first and counts the rest")
    func allProblems() throws {
        let yaml = "products:\n  - {sku: A, name: A, prices: {USD: 1.001}}\n  - {sku: B, name: B, prices: {EUR: x}}\n"
        let error = try #require(throws: CatalogError.self) { try Self.parse(yaml) }
        #expect(error.problems.map(\.line) == [2, 3])
        #expect(error.description == "\(Self.path):2: products[0].prices.USD: USD allows at most 2 decimals: round the amount. (1 more problem after it)")
        #expect(error.fullDescription.split(separator: "\n").count == 2)
    }

    @Test("a file that is not UTF-8 says so")
    func notUTF8() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString).yaml")
        try Data([0x70, 0x72, 0xFF, 0xFE, 0x0A]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = try #require(throws: CatalogError.self) { try CatalogFile.load(path: file.path) }
        #expect(error.description == "\(file.path): it is not UTF-8 text: save it as UTF-8.")
    }
}
