@testable import ConsoleApp
import ConsoleUI
import Foundation
import PaymentCore
import QuiqClient
import Sandbox
import Screen
import Testing

/// The runtime as one piece, headless: every screen on the same services, in plain `quiqpay`
/// (the embedded platform) and in `quiqpay demo`.
@Suite("Console runtime, headless", .serialized)
struct ConsoleRuntimeTests {
    /// The Client's step 3 and step 7 over HTTP with the sandbox's keys, as a real Client would.
    static func pay(_ payment: PaymentMessage, on sandbox: RunningSandbox, outcome: String = "success") async throws {
        let credentials = sandbox.credentials
        let client = try #require(credentials.client)
        let token = try #require(payment.token)
        let http = PlainHTTP()
        let read = try await http.send("GET", sandbox.baseURL + "/api/v1/messaging/custom-interactions/\(token)",
                                       user: client.identity, password: client.secret)
        #expect(read.status == 200)
        let reply = try await http.send("POST", sandbox.baseURL + "/api/v1/messaging/custom-interactions/\(token)/reply",
                                        user: client.identity, password: client.secret,
                                        headers: ["X-Quiq-Payment-Key": credentials.paymentKey],
                                        body: "{\"outcome\":\"\(outcome)\",\"transactionId\":\"t-1\"}")
        #expect(reply.status == 200)
    }

    @Test("plain quiqpay: compose, send, the Client pays, the detail and the list say paid")
    func sendToPaid() async throws {
        try await HeadlessConsole.with(.configured) { console in
        let sandbox = try #require(console.services.platform?.sandbox)
        try await console.waitFor("the embedded platform connected") { $0.rows.first?.contains("● connected") == true }
        console.keys(.char("n"))
        try await console.waitFor("Compose on the description") { $0.state.compose?.focus == .description }
        console.type("Deposit for order 1042")
        console.keys(.tab, .tab)  // Currency, then Amount
        console.type("125.50")
        console.keys(.ctrl("s"))
        try await console.waitFor("the preview") { $0.state.screen == .preview }
        console.keys(.enter)
        let sent = try await console.waitFor("the detail of the new payment") { $0.state.screen == .detail && $0.text.contains("PENDING") }
        let payment = try #require(sent.state.paymentMessages.first)
        #expect(payment.payment.amount == 12_550)
        try await Self.pay(payment, on: sandbox)
        try await console.waitFor(text: "PAID")
        try await console.waitFor(text: "Payment received")  // the platform's message in the conversation pane
        console.keys(.escape)
        try await console.waitFor("the list with the payment paid") { shown in
            shown.state.screen == .payments && shown.rows.contains { $0.contains("paid") && $0.contains("USD 125.50") }
        }
        }
    }

    @Test("plain quiqpay: the Handshake screen follows the payment the agent sends, through all seven steps")
    func handshakeInPlainConsole() async throws {
        try await HeadlessConsole.with(.configured) { console in
        try await console.waitFor("the embedded platform connected") { $0.rows.first?.contains("● connected") == true }
        console.keys(.char("h"))
        try await console.waitFor(text: "No demo payment yet")
        console.keys(.char("n"))
        let created = try await console.waitFor("step 1") { $0.state.handshake.paymentId != nil }
        let payment = try #require(created.state.paymentMessages.first { $0.id == created.state.handshake.paymentId })
        let user = Autopilot(decline: false, pause: .zero)
        try await user.pay(payment)
        await user.shutdown()
        try await console.waitFor("7 of 7 steps") { $0.state.handshake.allDone && $0.text.contains("7/7 steps") }
        }
    }

    @Test("quiqpay demo --autopilot: the user is played and all seven arrows light; p, n and b work on the demo's platform")
    func demoAutopilot() async throws {
        try await HeadlessConsole.with(
            .demo(.init(autopilot: true, pause: .zero, processorDelay: .zero)), initial: [.switchScreen(.handshake)]) { console in
        try await console.waitFor("7 of 7 steps", timeout: 30) { $0.state.handshake.allDone && $0.text.contains("7/7 steps") }
        #expect(console.services.platform != nil)
        console.keys(.char("p"))
        try await console.waitFor("the demo payment in the list") { shown in
            // The status line of the demo is live: connected, and polled (it said "polled never" before).
            shown.state.screen == .payments && shown.rows.contains { $0.contains("Deposit for order 1042") && $0.contains("paid") }
                && shown.rows[0].contains("● connected") && shown.rows[0].contains("polled ") && !shown.rows[0].contains("polled never")
        }
        console.keys(.char("n"))
        try await console.waitFor("Compose on the demo's conversation") { shown in
            shown.state.screen == .compose && shown.state.compose?.draft.conversationId == console.services.configuration.conversationId
        }
        console.keys(.escape, .char("b"))
        try await console.waitFor("the board, refreshed, still connected") { shown in
            shown.state.screen == .board && shown.state.board.loaded && shown.rows[0].contains("● connected")
        }
        }
    }

    @Test("the board reads the same list the watcher does: a refresh shows every pending payment")
    func boardRefresh() async throws {
        try await HeadlessConsole.with(.configured) { console in
        try await console.waitFor("the embedded platform connected") { $0.rows.first?.contains("● connected") == true }
        let api = console.services.api
        let conversation = try #require(console.services.configuration.conversationId)
        for index in 1...3 {
            _ = try await api.createPayment(PaymentRequest(description: "Board order \(index)", currency: "EUR", amount: 1_000 * Int64(index)),
                                            conversationId: conversation, idempotencyKey: UUID().uuidString.lowercased())
        }
        console.keys(.char("b"))
        let board = try await console.waitFor("three rows on the board") { $0.state.board.rows.count == 3 }
        #expect(board.rows.contains { $0.contains("Board order 2") && $0.contains("20.00") })
        // A new payment arrives on the next refresh, without a key.
        _ = try await api.createPayment(PaymentRequest(description: "Board order 4", currency: "EUR", amount: 4_000),
                                        conversationId: conversation, idempotencyKey: UUID().uuidString.lowercased())
        try await console.waitFor(text: "Board order 4")
        }
    }
}
