import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

/// What the one-runtime redesign moved into the UI's own state: the vantage of the Handshake
/// screen, the transcript on screen, the key layers every screen reads.
@Suite("UI state owned by the UI")
struct RuntimeStateTests {
    static let size = Size(rows: 24, cols: 80)

    @Test("against a live site the Handshake screen follows a sent payment through the steps the agent side sees, and says the rest are out of sight")
    func agentSideHandshake() {
        var state = Fixture.after([.platform(PlatformInfo(mode: .live, site: "acme.goquiq.com", conversationId: Fixture.conversationId,
                                                          vantage: .agentSide)),
                                   .switchScreen(.handshake)], from: Fixture.state(Self.size))
        #expect(render(state, size: Self.size).lines.joined().contains("No payment followed yet"))
        state = Fixture.after([.sent(draftId: "d", Fixture.demoMessage(.pending)), .switchScreen(.handshake)], from: state)
        #expect(state.handshake.isShown(.paymentMessage) && !state.handshake.isShown(.clientReads))
        state = Fixture.after([.paymentUpdated(Fixture.demoMessage(.opened))], from: state)
        #expect(state.handshake.isShown(.clientReads))
        state = Fixture.after([.paymentUpdated(Fixture.demoMessage(.paid, outcome: .success))], from: state)
        #expect(state.handshake.allDone && state.handshake.isShown(.resultReported))
        let text = render(state, size: Self.size).lines.joined(separator: "\n")
        #expect(text.contains("paid · 3/3 visible steps"))
        #expect(text.contains("· out of this console's sight (live site)"))
        #expect(text.contains("·    │ 5 card details"), "a step the agent side cannot see is marked")
    }

    @Test("a new draft starts in the platform's conversation and currency, from AppState")
    func newDraftFromState() {
        let state = Fixture.after([.platform(PlatformInfo(mode: .sandbox, site: "s", conversationId: Fixture.conversationId,
                                                          currency: Currency(code: "EUR") ?? .usd))], from: Fixture.state(Self.size))
        let (_, effects) = reduce(state, .newPayment)
        #expect(effects == [.startDraft(PaymentDraft(id: "", conversationId: Fixture.conversationId, currency: Currency(code: "EUR") ?? .usd))])
    }

    @Test("only the detail shows a transcript: the shown conversation follows the screen")
    func shownConversation() {
        let sent = Fixture.after([.sent(draftId: "d", Fixture.message())], from: Fixture.state(Self.size))
        #expect(sent.screen == .detail && sent.shownConversationId == Fixture.message().conversationId)
        #expect(Fixture.after([.key(.escape)], from: sent).shownConversationId == nil)
        #expect(Fixture.after([.key(.char("b"))], from: sent).shownConversationId == nil)
    }

    @Test("help over the board's filter lists the filter's keys, not the board's; Compose's bar offers F1, not q")
    func keyLayers() {
        let filtering = Fixture.after([.switchScreen(.board), .board(.refreshed(BoardRefresh(rows: [], at: Fixture.now))),
                                       .key(.char("/"))], from: Fixture.state(Self.size))
        #expect(filtering.board.editingFilter)
        let help = Fixture.after([.key(.f(1))], from: filtering)
        #expect(help.showingHelp)
        let text = render(help, size: Size(rows: 40, cols: 120)).lines.joined(separator: "\n")
        #expect(text.contains(BoardKeyMap.filterKeyMap.title))
        #expect(!text.contains("x  cancel the payment") && !text.contains("sort by the next column"))

        let compose = Fixture.composing()
        let bar = render(compose, size: Size(rows: 40, cols: 160)).lines.last ?? ""
        #expect(bar.contains("F1 help") && !bar.contains("q quit") && !bar.contains("?/F1"))
        // q types a q there: the key bar must not offer it, and dispatch agrees.
        #expect(!reduce(compose, .key(.char("q"))).1.contains(.quit))
    }
}
