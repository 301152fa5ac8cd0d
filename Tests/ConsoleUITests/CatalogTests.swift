import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

/// The catalogue in the console: offers under a line item's name, taking one, the template
/// picker and `:template`, as an agent would notice them.
@Suite("Catalogue and templates")
struct CatalogTests {
    static let eur = Currency(code: "EUR") ?? .usd

    static let catalog = ProductCatalog(
        products: [
            CatalogProduct(sku: "W-1", name: "Widget", prices: [.usd: 5_000, eur: 4_600]),
            CatalogProduct(sku: "W-2", name: "Widget XL", prices: [.usd: 8_000]),
            CatalogProduct(sku: "GW", name: "Gift wrap", prices: [.usd: 450]),
        ],
        templates: [
            DraftTemplate(name: "deposit", description: "Deposit for your order", currency: .usd,
                          items: [.init(sku: "W-1", quantity: 2), .init(name: "Handling", unitAmount: 500)],
                          metadata: [MetadataEntry(key: "orderType", value: "deposit")], key: "deposit", expiresInSeconds: 7_200),
            DraftTemplate(name: "xl", description: "Widget XL, in the draft's currency", items: [.init(sku: "W-2")]),
        ])

    /// Compose on an empty draft in `currency`, the catalogue loaded, the focus in the first
    /// line item's Name cell with `typed` typed.
    static func typingName(_ typed: String, currency: Currency = .usd, size: Size = Size(rows: 30, cols: 120)) -> AppState {
        var state = Fixture.after([.catalogLoaded(catalog)], from: Fixture.state(size))
        state = Fixture.after([.openDraft(PaymentDraft(id: "d", conversationId: Fixture.conversationId, currency: currency), recovered: false)], from: state)
        while state.compose?.focus != .lineItems { state = reduce(state, .key(.tab)).0 }
        return Fixture.after(typed.map { .key(.char($0)) }, from: state)
    }

    static func text(_ state: AppState) -> [String] { render(state, size: state.size).lines }

    @Test("typing wid in a line item's name offers Widget · W-1 · 50.00 under it, and Enter takes it")
    func offerTaken() throws {
        let state = Self.typingName("wid")
        let lines = Self.text(state)
        let offer = try #require(lines.firstIndex { $0.contains("▸ Widget · W-1 · 50.00") })
        #expect(lines[offer + 1].contains("Widget XL · W-2 · 80.00"))
        #expect(!lines.contains { $0.contains("Gift wrap") }, "only what matches is offered")
        // Under the offers: what Enter does now.
        #expect(lines[offer + 2].contains("Enter takes it, ↓/↑ choose, Tab keeps what you typed"))

        let (taken, effects) = reduce(state, .key(.enter))
        let compose = try #require(taken.compose)
        #expect(compose.lineItems.texts == [["Widget", "1", "50.00", "W-1"]])
        #expect(compose.draft.lineItems == [LineItem(name: "Widget", quantity: 1, unitAmount: 5_000, sku: "W-1")])
        #expect(compose.focus == .lineItems && compose.lineItems.column == 1, "the quantity is next")
        #expect(compose.offers(in: taken.catalog).isEmpty)
        #expect(effects == [.saveDraft(compose.draft)])
        #expect(!Self.text(taken).contains { $0.contains("▸") })
        // Typing the quantity replaces the 1 that was filled in.
        let two = Fixture.after([.key(.char("3"))], from: taken)
        #expect(two.compose?.draft.total == Money(minorUnits: 15_000, currency: .usd))
    }

    @Test("↓ chooses the next offer; the price follows the draft's currency")
    func chooseAndCurrency() throws {
        let state = Fixture.after([.key(.down), .key(.enter)], from: Self.typingName("wid"))
        #expect(state.compose?.lineItems.texts == [["Widget XL", "1", "80.00", "W-2"]])
        let euro = Fixture.after([.key(.enter)], from: Self.typingName("widget", currency: Self.eur))
        #expect(euro.compose?.draft.lineItems == [LineItem(name: "Widget", quantity: 1, unitAmount: 4_600, sku: "W-1")])
    }

    @Test("a product with no price in the draft's currency says so, and taking it leaves the price empty")
    func noPriceInCurrency() throws {
        let state = Self.typingName("xl", currency: Self.eur)
        #expect(Self.text(state).contains { $0.contains("▸ Widget XL · W-2 · no EUR price") })
        let (taken, _) = reduce(state, .key(.enter))
        let compose = try #require(taken.compose)
        #expect(compose.lineItems.texts == [["Widget XL", "1", "", "W-2"]], "never a price of zero")
        #expect(compose.lineItems.column == 2, "the price is what is left to type")
        #expect(compose.violations.contains { $0.field == "lineItems[0].unitAmount" })
        #expect(taken.toast?.message == "Widget XL has no EUR price in the catalogue: type its unit price.")
    }

    @Test("offers show only while a name is typed: Tab, another cell or no match shows none")
    func offersOnlyWhileTyping() {
        let state = Self.typingName("wid")
        let moved = reduce(state, .key(.tab)).0
        #expect(moved.compose?.offers(in: moved.catalog).isEmpty == true)
        #expect(moved.compose?.lineItems.texts == [["wid", "", "", ""]], "Tab keeps what was typed")
        let none = Self.typingName("zzz")
        #expect(none.compose?.offers(in: none.catalog).isEmpty == true)
        #expect(reduce(none, .key(.enter)).0.compose?.lineItems.column == 1, "Enter moves on as before")
        // Without a catalogue Compose is as it was.
        var bare = Fixture.composing(PaymentDraft(id: "d", conversationId: Fixture.conversationId), size: Size(rows: 30, cols: 120))
        while bare.compose?.focus != .lineItems { bare = reduce(bare, .key(.tab)).0 }
        bare = Fixture.after([.key(.char("w"))], from: bare)
        #expect(bare.compose?.offers(in: bare.catalog).isEmpty == true)
    }

    @Test("offers take rows of their own: nothing under them is drawn over")
    func offersDoNotOverlap() throws {
        let before = Self.text(Self.typingName("zzz"))
        let after = Self.text(Self.typingName("wid"))
        // Every line of the form below the line items is still there, whole, two rows lower.
        let metadata = try #require(before.firstIndex { $0.contains("Metadata") })
        let moved = try #require(after.firstIndex { $0.contains("Metadata") })
        #expect(moved == metadata + 3, "two offers and the line saying what Enter does")
        #expect(after[moved] == before[metadata])
        let offer = try #require(after.first { $0.contains("Widget · W-1") })
        #expect(!offer.contains("Qty") && !offer.contains("!"), "an offer line holds the offer only")
    }

    @Test("catalogue offers", arguments: Fixture.sizes)
    func offersSnapshot(size: Size) {
        let state = Self.typingName("w", size: size)
        assertSnapshot(render(state, size: size), RenderSnapshotTests.name("compose-offers", size))
    }

    @Test("with templates, n opens the picker: a blank draft first, then each template")
    func pickerOpens() throws {
        let state = Fixture.after([.catalogLoaded(Self.catalog), .key(.char("n"))], from: Fixture.state(Size(rows: 24, cols: 80)))
        #expect(state.templatePicker != nil)
        let lines = Self.text(state)
        #expect(lines.contains { $0.contains("› Blank draft") })
        #expect(lines.contains { $0.contains("deposit — Deposit for your order · USD 105.00") })
        #expect(lines.last?.contains("start the draft") == true)
        // Enter on the blank draft starts one, as n did without templates.
        let (_, effects) = reduce(state, .key(.enter))
        #expect(effects == [.startDraft(PaymentDraft(id: "", conversationId: ""))])
        // Without templates n starts a blank draft at once.
        let (plain, plainEffects) = reduce(Fixture.state(), .key(.char("n")))
        #expect(plain.templatePicker == nil && plainEffects == [.startDraft(PaymentDraft(id: "", conversationId: ""))])
    }

    @Test("typing filters the picker; Enter opens Compose pre-filled from the template")
    func pickerFilters() throws {
        var state = Fixture.after([.platform(PlatformInfo(mode: .sandbox, site: "s", conversationId: Fixture.conversationId)),
                                   .catalogLoaded(Self.catalog), .key(.char("n"))], from: Fixture.state())
        state = Fixture.after("dep".map { .key(.char($0)) }, from: state)
        let picker = try #require(state.templatePicker)
        #expect(picker.choices(in: state.catalog) == [.template(Self.catalog.templates[0])])
        let (next, effects) = reduce(state, .key(.enter))
        #expect(next.templatePicker == nil)
        let text = try #require(effects.first.flatMap { if case .startTemplateDraft(let text) = $0 { text } else { nil } })
        let (opened, saved) = reduce(next, .openTemplateDraft(text, id: "t-1"))
        let compose = try #require(opened.compose)
        #expect(opened.screen == .compose)
        let draft = compose.draft
        #expect(draft.id == "t-1" && draft.conversationId == Fixture.conversationId)
        #expect(draft.description == "Deposit for your order" && draft.currency == .usd)
        #expect(draft.lineItems == [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000, sku: "W-1"),
                                    LineItem(name: "Handling", quantity: 1, unitAmount: 500)])
        #expect(draft.metadata == [MetadataEntry(key: "orderType", value: "deposit")])
        #expect(draft.key == "deposit" && draft.expiresInSeconds == 7_200)
        #expect(compose.violations.isEmpty)
        #expect(saved == [.saveDraft(draft)])
        // A filter that matches nothing says so; Esc closes.
        let nothing = Fixture.after("zzz".map { .key(.char($0)) }, from: Fixture.after([.catalogLoaded(Self.catalog), .key(.char("n"))], from: Fixture.state()))
        #expect(Self.text(nothing).contains { $0.contains("No template matches") })
        #expect(Fixture.after([.key(.escape)], from: nothing).templatePicker == nil)
    }

    @Test("template picker", arguments: Fixture.sizes)
    func pickerSnapshot(size: Size) {
        let state = Fixture.after([.catalogLoaded(Self.catalog), .key(.char("n")), .key(.down)], from: Fixture.state(size))
        assertSnapshot(render(state, size: size), RenderSnapshotTests.name("template-picker", size))
    }

    @Test(":template NAME starts from the template; an unknown name or no templates says what to type")
    func templateCommand() {
        let state = Fixture.after([.catalogLoaded(Self.catalog)], from: Fixture.state())
        let (_, effects) = reduce(state, .run("template deposit"))
        #expect(effects.count == 1)
        if case .startTemplateDraft(let text)? = effects.first { #expect(text.description == "Deposit for your order") } else {
            Issue.record("expected a template draft, got \(effects)")
        }
        let unknown = reduce(state, .run("template nope")).0
        #expect(unknown.toast?.message == "No template “nope” in catalog.yaml: use one of deposit, xl.")
        let none = reduce(Fixture.state(), .run("template deposit")).0
        #expect(none.toast?.message.hasPrefix("The catalogue has no templates") == true)
        #expect(reduce(state, .run("template")).0.templatePicker != nil)
        #expect(reduce(state, .run("template a b")).0.toast?.level == .error)
        // Tab completes template names after `template`.
        let prompt = Fixture.after([.openPrompt] + "template de".map { .key(.char($0)) } + [.key(.tab)], from: state)
        #expect(prompt.prompt?.field.text == "template deposit")
    }

    @Test("a template over a draft being composed asks first; the SKU's price is in the draft's currency or left empty")
    func templateReplacesAfterConfirm() throws {
        var state = Self.typingName("wid")
        state = reduce(state, .run("template deposit")).0
        #expect(state.confirm?.title == "Replace the draft")
        let (_, effects) = reduce(state, .key(.char("y")))
        #expect(effects.count == 1)
        // xl has no currency of its own: in a EUR console its W-2 has no price, which stays empty.
        var euro = Fixture.after([.catalogLoaded(Self.catalog),
                                  .platform(PlatformInfo(mode: .sandbox, site: "s", conversationId: Fixture.conversationId, currency: Self.eur))],
                                 from: Fixture.state())
        let (shown, started) = reduce(euro, .run("template xl"))
        #expect(shown.toast?.message == "The catalogue has no EUR price for W-2: type the unit price.")
        let text = try #require(started.first.flatMap { if case .startTemplateDraft(let text) = $0 { text } else { nil } })
        euro = reduce(shown, .openTemplateDraft(text, id: "t-2")).0
        #expect(euro.compose?.lineItems.texts == [["Widget XL", "1", "", "W-2"]])
        #expect(euro.compose?.violations.contains { $0.field == "lineItems[0].unitAmount" } == true)
    }
}
