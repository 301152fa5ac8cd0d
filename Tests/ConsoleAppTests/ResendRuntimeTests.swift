@testable import ConsoleApp
import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

extension ConsoleRuntimeTests {
    @Test("plain quiqpay: l in the detail posts the link again through the runtime; l on the board at once is refused as too soon")
    func resendThroughTheRuntime() async throws {
        try await HeadlessConsole.with(.configured) { console in
        try await console.waitFor("the embedded platform connected") { $0.rows.first?.contains("● connected") == true }
        console.keys(.char("n"))
        try await console.waitFor("Compose on the description") { $0.state.compose?.focus == .description }
        console.type("Resent in the runtime")
        console.keys(.tab, .tab)
        console.type("7.50")
        console.keys(.ctrl("s"))
        try await console.waitFor("the preview") { $0.state.screen == .preview }
        console.keys(.enter)
        let sent = try await console.waitFor("the detail of the new payment") { $0.state.screen == .detail && $0.text.contains("PENDING") }
        let payment = try #require(sent.state.paymentMessages.first)
        let shortUrl = try #require(payment.shortUrl)

        console.keys(.char("l"))
        let resent = try await console.waitFor("the link twice in the conversation pane's transcript") { shown in
            shown.state.conversation?.messages.filter { $0.text.contains(shortUrl) }.count == 2
                && shown.text.contains("Resent the link into the conversation.")
        }
        #expect(resent.state.paymentMessages.filter { $0.payment.description == "Resent in the runtime" }.count == 1)
        #expect(resent.state.paymentMessages.first?.events?.last?.note == "link resent")

        console.keys(.char("b"))
        try await console.waitFor("the board with the payment selected") { $0.state.board.selected?.id == payment.id }
        console.keys(.char("l"))
        try await console.waitFor(text: "The link was resent less than a minute ago")
        }
    }
}
