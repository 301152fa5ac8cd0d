import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

/// Compose as an agent uses it: typing into each field, the violations beside each field,
/// the live total, the refused Send, drafts saved on every change, one send per draft.
@Suite("Compose")
struct ComposeTests {
    /// Types `text` into the focused field, key by key.
    static func typing(_ text: String) -> [Action] { text.map { .key(.char($0)) } }

    /// Compose on an empty draft, focus on `field`.
    static func at(_ field: ComposeField, draft: PaymentDraft = PaymentDraft(id: "d", conversationId: Fixture.conversationId)) -> AppState {
        var state = Fixture.composing(draft, size: Size(rows: 30, cols: 160))
        while state.compose?.focus != field { state = reduce(state, .key(.tab)).0 }
        return state
    }

    static func screenText(_ state: AppState) -> String {
        render(state, size: state.size).lines.joined(separator: "\n")
    }

    @Test("fields come in the order of the issue and Tab visits each")
    func fieldOrder() {
        var state = Fixture.composing(PaymentDraft(id: "d", conversationId: ""))
        var seen: [ComposeField] = []
        for _ in ComposeField.allCases {
            seen.append(state.compose?.focus ?? .send)
            state = reduce(state, .key(.tab)).0
        }
        #expect(seen == [.conversation, .description, .currency, .amount, .lineItems, .metadata, .key, .expires, .send])
        state = reduce(state, .key(.backTab)).0
        #expect(state.compose?.focus == .send)
    }

    @Test("conversation is prefilled with the current one")
    func conversationPrefilled() {
        let state = Fixture.after([.platform(PlatformInfo(mode: .sandbox, site: "s", conversationId: Fixture.conversationId)), .newPayment], from: Fixture.state())
        let (_, effects) = reduce(state, .newPayment)
        #expect(effects == [.startDraft(PaymentDraft(id: "", conversationId: Fixture.conversationId))])
    }

    @Test("typing fills every field of the draft, and every change is saved")
    func typingFillsTheDraft() throws {
        var state = Self.at(.description)
        var saves = 0
        func press(_ actions: [Action]) {
            for action in actions {
                let (next, effects) = reduce(state, action)
                saves += effects.filter { if case .saveDraft = $0 { true } else { false } }.count
                state = next
            }
        }
        press(Self.typing("Deposit") + [.key(.tab)])
        press([.key(.ctrl("u"))] + Self.typing("eur") + [.key(.tab)])
        press(Self.typing("1,250.5") + [.key(.tab)])
        press(Self.typing("Widget") + [.key(.tab)] + Self.typing("2") + [.key(.tab)] + Self.typing("625.25") + [.key(.tab), .key(.tab)])
        press(Self.typing("orderId") + [.key(.tab)] + Self.typing("1042") + [.key(.tab)])
        press(Self.typing("k-1") + [.key(.tab)])
        press(Self.typing("30m"))
        let draft = try #require(state.compose?.draft)
        #expect(draft.description == "Deposit")
        #expect(draft.currency.code == "EUR")
        #expect(draft.amount == 125_050)
        #expect(draft.lineItems == [LineItem(name: "Widget", quantity: 2, unitAmount: 62_525)])
        #expect(draft.metadata == [MetadataEntry(key: "orderId", value: "1042")])
        #expect(draft.key == "k-1")
        #expect(draft.expiresInSeconds == 1_800)
        #expect(state.compose?.violations == [])
        #expect(saves >= 30, "a save per change")
    }

    @Test("the currency field offers matches as you type and Tab takes the first")
    func currencyTypeAhead() {
        let state = Fixture.after([.key(.ctrl("u"))] + Self.typing("yen"), from: Self.at(.currency))
        #expect(Self.screenText(state).contains("JPY Yen"))
        let next = reduce(state, .key(.tab)).0
        #expect(next.compose?.currency.text == "JPY")
        #expect(next.compose?.focus == .amount)
    }

    @Test("the total follows the line items live")
    func liveTotal() {
        var state = Self.at(.lineItems)
        state = Fixture.after(Self.typing("A") + [.key(.tab)] + Self.typing("3") + [.key(.tab)] + Self.typing("1.10"), from: state)
        #expect(Self.screenText(state).contains("Total USD 3.30"))
        state = Fixture.after([.key(.ctrl("n"))] + Self.typing("B") + [.key(.tab)] + Self.typing("1") + [.key(.tab)] + Self.typing("10"), from: state)
        #expect(Self.screenText(state).contains("Total USD 13.30"))
        state = Fixture.after([.key(.ctrl("x"))], from: state)
        #expect(Self.screenText(state).contains("Total USD 3.30"))
    }

    /// One bad input per field (and per rule of the tables), the field path it must be
    /// reported under, and a piece of the sentence shown beside it.
    static let errorCases: [(String, PaymentDraft, String, String)] = {
        let base = Fixture.draft()
        func with(_ change: (inout PaymentDraft) -> Void) -> PaymentDraft { var d = base; change(&d); return d }
        return [
            ("conversation", with { $0.conversationId = "not-a-uuid" }, "conversationId", "lower-case UUID"),
            ("description", with { $0.description = "" }, "description", "Enter a description"),
            ("long description", with { $0.description = String(repeating: "x", count: 501) }, "description", "at most 500"),
            ("amount differs from the items", with { $0.amount = 1 }, "amount", "must equal the sum"),
            ("no amount, no items", with { $0.lineItems = [] }, "amount", "Enter an amount"),
            ("item without name", with { $0.lineItems[0].name = "" }, "lineItems[0].name", "Name the item"),
            ("item quantity", with { $0.lineItems[1].quantity = 0 }, "lineItems[1].quantity", "quantity"),
            ("duplicate metadata key", with { $0.metadata.append(MetadataEntry(key: "orderId", value: "2")) }, "metadata[1]", "used twice"),
            ("empty metadata key", with { $0.metadata[0].key = "" }, "metadata[0]", "cannot be empty"),
            ("key characters", with { $0.key = "bad key!" }, "key", "letters, digits"),
        ]
    }()

    @Test("every PaymentCore violation shows beside its field", arguments: 0..<errorCases.count)
    func violationShown(index: Int) throws {
        let (name, draft, field, sentence) = Self.errorCases[index]
        let state = Fixture.composing(draft, size: Size(rows: 30, cols: 160))
        let violations = try #require(state.compose?.violations)
        #expect(violations.contains { $0.field == field && $0.message.contains(sentence) }, "\(name): \(violations)")
        #expect(Self.screenText(state).contains(sentence), "\(name): not on screen")
    }

    @Test("text that does not parse is reported beside its field",
          arguments: [(ComposeField.amount, "12.345", "at most 2 decimals"), (.amount, "abc", "is not an amount"),
                      (.currency, "zzz", "no currency matches"), (.expires, "2y", "not a duration"), (.expires, "30s", "between 1 minute"),
                      (.lineItems, "x", "Name")])
    func parseErrors(field: ComposeField, text: String, sentence: String) {
        var state = Self.at(field, draft: Fixture.draft())
        state = Fixture.after([.key(.ctrl("u"))] + Self.typing(text), from: state)
        if field == .lineItems {
            state = Fixture.after([.key(.tab), .key(.tab), .key(.ctrl("u"))] + Self.typing("1.234"), from: state)
            #expect(Self.screenText(state).contains("Unit price: USD allows at most 2 decimals"))
            return
        }
        #expect(Self.screenText(state).contains(sentence), "\(field): \(Self.screenText(state))")
    }

    @Test("Send is refused with the list of what is wrong")
    func refusedSend() {
        var state = Fixture.composing(PaymentDraft(id: "d", conversationId: Fixture.conversationId))
        state = reduce(state, .key(.ctrl("s"))).0
        #expect(state.screen == .compose)
        #expect(state.compose?.refusal.contains { $0.hasPrefix("Description:") } == true)
        #expect(state.compose?.refusal.contains { $0.hasPrefix("Amount:") } == true)
        #expect(Self.screenText(state).contains("Cannot send yet"))
    }

    @Test("Esc leaves Compose keeping the draft; n comes back to it")
    func escapeKeepsDraft() {
        var state = Fixture.after([.key(.ctrl("u"))] + Self.typing("Kept"), from: Self.at(.description))
        state = reduce(state, .key(.escape)).0
        #expect(state.screen == .payments)
        let (back, effects) = reduce(state, .key(.char("n")))
        #expect(back.screen == .compose && effects.isEmpty)
        #expect(back.compose?.description.text == "Kept")
    }

    @Test("Enter twice in the preview sends once; the answer opens the detail")
    func sendOnce() {
        let preview = Fixture.after([.key(.ctrl("s"))], from: Fixture.composing())
        #expect(preview.screen == .preview)
        let (first, effects1) = reduce(preview, .key(.enter))
        let (second, effects2) = reduce(first, .key(.enter))
        #expect(effects1 == [.send(Fixture.draft())])
        #expect(effects2.isEmpty)
        let (sent, effects) = reduce(second, .sent(draftId: "draft-1", Fixture.message()))
        #expect(sent.screen == .detail && sent.compose == nil)
        #expect(sent.paymentMessages.map(\.id) == [Fixture.message().id])
        #expect(effects.isEmpty)
        // The detail shows the payment's conversation: the runtime keeps that transcript current.
        #expect(sent.shownConversationId == Fixture.conversationId)
    }

    @Test("a refused send returns to Compose with the platform's reasons")
    func sendFailed() {
        let sending = Fixture.after([.key(.ctrl("s")), .key(.enter)], from: Fixture.composing())
        let failed = reduce(sending, .sendFailed(draftId: "draft-1", message: "Quiq refused.", fields: [FieldViolation(field: "key", message: "Bad key.")])).0
        #expect(failed.screen == .compose)
        #expect(failed.compose?.sending == false)
        #expect(failed.compose?.refusal == ["Key: Bad key."])
    }

    @Test("a recovered draft opens in Compose and says so")
    func recovered() {
        let state = Fixture.after([.openDraft(Fixture.draft(), recovered: true)], from: Fixture.state())
        #expect(state.screen == .compose)
        #expect(Self.screenText(state).contains("draft recovered"))
    }
}
