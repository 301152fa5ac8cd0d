import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

/// Resending a payment's link from the detail and the board: key, reducer, toast and key tables.
@Suite("Resend the link")
struct ResendKeyTests {
    static let id = Fixture.message().id

    static func detail(_ message: PaymentMessage = Fixture.message(), size: Size = Size(rows: 24, cols: 80), readOnly: Bool = false) -> AppState {
        var state = ScreenSnapshotTests.platform(Fixture.state(size))
        state.board.readOnly = readOnly
        return Fixture.after([.paymentsLoaded([message]), .openPayment(message.id), .conversationLoaded(Fixture.conversation)], from: state)
    }

    /// The payment as the platform answers a resend: its timeline ends with `link resent`.
    static var resent: PaymentMessage {
        var message = Fixture.message()
        message.events?.append(PaymentEvent(at: ISO8601DateFormatter().string(from: Fixture.now), status: .pending, note: "link resent"))
        return message
    }

    /// Everything the help overlay lists for `state`, on a screen tall enough for all of it.
    static func help(_ state: AppState) -> String {
        render(Fixture.after([.toggleHelp], from: state), size: Size(rows: 90, cols: 120)).lines.joined(separator: "\n")
    }

    static func binds(_ state: AppState, _ key: KeyEvent) -> Bool {
        state.keyLayers.contains { $0.map.command(for: key) != nil }
    }

    @Test("l in the detail asks the runtime to resend the active payment's link, with no toast yet")
    func detailKey() {
        let (state, effects) = reduce(Self.detail(), .key(.char("l")))
        #expect(effects == [.resendLink(paymentId: Self.id)])
        #expect(state.toast == nil)
        #expect(render(Self.detail(), size: Size(rows: 40, cols: 120)).lines.last?.contains("l resend the link") == true)
    }

    @Test("l on a finished payment says why nothing happens, and asks nothing of the runtime")
    func detailFinished() {
        let (state, effects) = reduce(Self.detail(Fixture.message(status: .paid)), .key(.char("l")))
        #expect(effects.isEmpty)
        #expect(state.toast?.level == .error)
        #expect(state.toast?.message == "This payment is already paid: its link no longer works, so there is nothing to resend.")
    }

    @Test("the answer updates the payment, toasts, and the shown conversation is read again")
    func resentAnswer() {
        let (state, effects) = reduce(Self.detail(), .linkResent(Self.resent))
        #expect(state.toast?.message == "Resent the link into the conversation.")
        #expect(state.toast?.level == .success)
        #expect(state.paymentMessages.count == 1)
        #expect(state.paymentMessages.first?.events?.last?.note == "link resent")
        #expect(effects == [.followConversation(Fixture.conversationId)])
    }

    @Test("on the board l resends the selected payment's link, and from its detail overlay too")
    func boardKey() throws {
        let state = BoardFixture.state(BoardFixture.rows(3))
        let first = try #require(state.board.selected?.id)
        #expect(reduce(state, .key(.char("l"))).1 == [.resendLink(paymentId: first)])
        let overlay = Fixture.after([.key(.down), .key(.enter)], from: state)
        let second = try #require(overlay.board.detailID)
        #expect(second != first)
        #expect(reduce(overlay, .key(.char("l"))).1 == [.resendLink(paymentId: second)])
        #expect(render(overlay, size: Size(rows: 24, cols: 80)).lines.last?.contains("l resend the link") == true)
        #expect(Self.help(state).contains("resend the link"))
    }

    @Test("a read-only console offers no resend: not in the key tables, help or key bar, and the action is refused")
    func readOnly() {
        let board = BoardFixture.state(BoardFixture.rows(3), readOnly: true)
        #expect(!Self.binds(board, .char("l")))
        #expect(reduce(board, .key(.char("l"))).1.isEmpty)
        #expect(Self.help(board).contains("filter") && !Self.help(board).contains("resend"))
        let (refused, effects) = reduce(board, .board(.resendLink))
        #expect(effects.isEmpty)
        #expect(refused.toast?.message == "Read-only board (--readonly): resending links is off here.")

        let detail = Self.detail(readOnly: true)
        #expect(!Self.binds(detail, .char("l")))
        #expect(render(detail, size: Size(rows: 40, cols: 120)).lines.last?.contains("x cancel the payment") == true)
        #expect(render(detail, size: Size(rows: 40, cols: 120)).lines.last?.contains("resend") == false)
        #expect(reduce(detail, .detail(.resendLink)).1.isEmpty)
        #expect(Self.binds(Self.detail(), .char("l")))
    }

    @Test("the detail after a resend: the timeline's `link resent` and the toast", arguments: Fixture.sizes)
    func snapshot(size: Size) {
        let state = Fixture.after([.linkResent(Self.resent)], from: Self.detail(size: size))
        assertSnapshot(render(state, size: size), ScreenSnapshotTests.name("detail-resent", size))
    }
}

/// The duplicate guard: a Send into a conversation that already has an active payment for the
/// same amount and currency asks first, and shows that payment.
@Suite("Duplicate guard")
struct DuplicateGuardTests {
    /// On the preview of `draft` (the fixture's: USD 125.50 into the fixture's conversation),
    /// with `known` among the console's payments.
    static func previewing(_ draft: PaymentDraft = Fixture.draft(), known: [PaymentMessage] = [Fixture.message()],
                           size: Size = Size(rows: 24, cols: 80)) -> AppState {
        Fixture.after([.paymentsLoaded(known), .openDraft(draft, recovered: false), .key(.ctrl("s"))],
                      from: ScreenSnapshotTests.platform(Fixture.state(size)))
    }

    @Test("Send with an active payment for the same amount asks first, showing its age and status, and sends nothing yet")
    func asks() throws {
        let state = Self.previewing()
        #expect(state.screen == .preview)
        let (asking, effects) = reduce(state, .key(.enter))
        #expect(effects.isEmpty)
        let dialog = try #require(asking.confirm)
        #expect(dialog.title == "Possible duplicate")
        #expect(dialog.message == "This conversation already has an active payment for $125.50: “Deposit for order 1042”, pending, sent 2m ago. Send another one?")
        #expect(asking.compose?.sending == false)
    }

    @Test("yes sends the draft with its own id; no sends nothing and stays on the preview")
    func answers() {
        let asking = reduce(Self.previewing(), .key(.enter)).0
        let (sent, effects) = reduce(asking, .key(.char("y")))
        #expect(effects == [.send(Fixture.draft())])
        #expect(sent.compose?.sending == true)
        let (declined, none) = reduce(asking, .key(.char("n")))
        #expect(none.isEmpty)
        #expect(declined.confirm == nil && declined.screen == .preview && declined.compose?.sending == false)
    }

    @Test("another amount, currency or conversation, or a finished payment, is not a duplicate")
    func notDuplicates() {
        var otherAmount = Fixture.draft()
        otherAmount.lineItems[2].unitAmount = 100
        var otherCurrency = Fixture.draft()
        otherCurrency.currency = Currency(code: "EUR") ?? .usd
        var otherConversation = Fixture.draft()
        otherConversation.conversationId = "0b0c6a3e-1f2d-4c5b-8a9e-0123456789ab"
        for draft in [otherAmount, otherCurrency, otherConversation] {
            #expect(reduce(Self.previewing(draft), .key(.enter)).1 == [.send(draft)])
        }
        for status in [PaymentStatus.paid, .failed, .expired, .cancelled] {
            let (state, effects) = reduce(Self.previewing(known: [Fixture.message(status: status)]), .key(.enter))
            #expect(effects == [.send(Fixture.draft())] && state.confirm == nil)
        }
    }

    @Test("a retry of the same draft (same id, the same Idempotency-Key) is not a duplicate: it sends at once")
    func retry() {
        let first = Fixture.after([.key(.enter), .key(.char("y"))], from: Self.previewing())
        let failed = Fixture.after([.sendFailed(draftId: Fixture.draft().id, message: "The platform is unreachable.", fields: [])], from: first)
        #expect(failed.screen == .compose)
        let again = Fixture.after([.key(.ctrl("s"))], from: failed)
        let (state, effects) = reduce(again, .key(.enter))
        #expect(state.confirm == nil)
        #expect(effects == [.send(Fixture.draft())])
    }

    @Test("the board's rows count too: what the console already knows, without a request")
    func boardRows() throws {
        let row = BoardRow(id: "9e0c1d2e-3f40-4152-8364-758697a8b9cb", status: .opened, amount: 12_550, currency: "USD",
                           description: "Someone else's deposit", conversationId: Fixture.conversationId,
                           createdAt: Fixture.now.addingTimeInterval(-3_700))
        let state = Fixture.after([.board(.refreshed(BoardRefresh(rows: [row], at: Fixture.now)))], from: Self.previewing(known: []))
        let dialog = try #require(reduce(state, .key(.enter)).0.confirm)
        #expect(dialog.message.contains("“Someone else's deposit”, opened, sent 1h ago"))
    }

    @Test("the confirmation over the preview", arguments: Fixture.sizes)
    func snapshot(size: Size) {
        let state = Fixture.after([.key(.enter)], from: Self.previewing(size: size))
        assertSnapshot(render(state, size: size), ScreenSnapshotTests.name("duplicate-confirm", size))
    }
}
