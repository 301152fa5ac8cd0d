import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

/// Compose, Preview, the detail and the payments list rendered at 80x24, 120x40 and 40x12.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    static func name(_ what: String, _ size: Size) -> String { "\(what)-\(size.cols)x\(size.rows)" }

    static func platform(_ state: AppState) -> AppState {
        Fixture.after([.platform(PlatformInfo(mode: .sandbox, site: "sandbox 127.0.0.1:8765", baseURL: "http://127.0.0.1:8765",
                                              conversationId: Fixture.conversationId, collectionUrl: "http://127.0.0.1:9000/pay"))],
                      from: state)
    }

    @Test("compose, valid, on a line item", arguments: Fixture.sizes)
    func compose(size: Size) {
        let state = Fixture.after([.openDraft(Fixture.draft(), recovered: false), .key(.tab), .key(.tab), .key(.tab), .key(.down)],
                                  from: Self.platform(Fixture.state(size)))
        assertSnapshot(render(state, size: size), Self.name("compose", size))
    }

    @Test("on a 40x12 terminal Compose scrolls to the focused field, with the cursor on it, and marks what is above and below")
    func composeScrolls() {
        let size = Size(rows: 12, cols: 40)
        var state = Fixture.after([.openDraft(Fixture.draft(), recovered: false)], from: Self.platform(Fixture.state(size)))
        let top = render(state, size: size)
        #expect(top.lines.contains { $0.contains("New payment") })
        #expect(top.lines.contains { $0.hasSuffix("↓") } && !top.lines.contains { $0.hasSuffix("↑") })

        // Tab through to the Expires field, then to Send: each is on screen when focused.
        while state.compose?.focus != .expires { state = Fixture.after([.key(.tab)], from: state) }
        let expires = render(state, size: size)
        let row = expires.lines.firstIndex { $0.contains("›Expires") }
        #expect(row != nil && expires.cursor?.row == row)
        #expect(!expires.lines.contains { $0.contains("New payment") })
        #expect(expires.lines.contains { $0.hasSuffix("↑") })

        state = Fixture.after([.key(.tab)], from: state)
        #expect(render(state, size: size).lines.contains { $0.contains("[ Send ]") })
    }

    @Test("compose with errors and the refused Send", arguments: Fixture.sizes)
    func composeErrors(size: Size) {
        var draft = Fixture.draft()
        draft.description = ""
        draft.amount = 1
        draft.lineItems[1].quantity = 0
        draft.key = "bad key"
        let state = Fixture.after([.openDraft(draft, recovered: true), .key(.ctrl("s"))], from: Self.platform(Fixture.state(size)))
        assertSnapshot(render(state, size: size), Self.name("compose-errors", size))
    }

    @Test("preview", arguments: Fixture.sizes)
    func preview(size: Size) {
        var draft = Fixture.draft()
        draft.key = "k-1042"
        let state = Fixture.after([.openDraft(draft, recovered: false), .key(.ctrl("s"))], from: Self.platform(Fixture.state(size)))
        assertSnapshot(render(state, size: size), Self.name("preview", size))
    }

    @Test("detail of a pending payment with the conversation", arguments: Fixture.sizes)
    func detailPending(size: Size) {
        let state = Fixture.after([.paymentsLoaded([Fixture.message()]), .openPayment(Fixture.message().id),
                                   .conversationLoaded(Fixture.conversation)], from: Self.platform(Fixture.state(size)))
        assertSnapshot(render(state, size: size), Self.name("detail-pending", size))
    }

    @Test("detail of a paid payment whose Client added a tip", arguments: Fixture.sizes)
    func detailPaidOverride(size: Size) {
        let reply = PaymentReplyRecord(outcome: .success, amount: 13_050,
                                       lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000, sku: "W-1"),
                                                   LineItem(name: "Gadget", quantity: 1, unitAmount: 2_550),
                                                   LineItem(name: "Tip", quantity: 1, unitAmount: 500)],
                                       transactionId: "txn_42", message: "Approved", repliedAt: "2027-01-15T08:00:00Z")
        let message = Fixture.message(status: .paid, response: reply)
        let state = Fixture.after([.paymentsLoaded([message]), .openPayment(message.id), .conversationLoaded(Fixture.conversation)],
                                  from: Self.platform(Fixture.state(size)))
        assertSnapshot(render(state, size: size), Self.name("detail-paid", size))
    }

    @Test("payments list from the platform's messages, newest first", arguments: Fixture.sizes)
    func list(size: Size) {
        let messages = PaymentStatus.allCases.enumerated().map { i, status in
            Fixture.message(id: "5b0c1d2e-3f40-4152-8364-75869700000\(i)", status: status, minutesAgo: Double(i * 7 + 1))
        }
        let state = Fixture.after([.paymentsLoaded(messages.reversed())], from: Self.platform(Fixture.state(size)))
        #expect(state.payments.rows.map(\.status) == PaymentStatus.allCases)
        assertSnapshot(render(state, size: size), Self.name("payments-list", size))
    }

    @Test("offline status line with the next retry time")
    func offline() {
        let size = Size(rows: 24, cols: 80)
        let state = Fixture.after([.health(.heartbeat, .offline("connection refused", retryAt: Fixture.now.addingTimeInterval(8)))],
                                  from: Self.platform(Fixture.state(size)))
        let top = render(state, size: size).text(row: 0)
        #expect(top.contains("✕ unreachable, retry 08:00:08"), "\(top)")
    }
}
