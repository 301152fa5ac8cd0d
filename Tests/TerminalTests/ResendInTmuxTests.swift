import Foundation
import PaymentCore
import Testing

/// Resending a link and the duplicate guard on the real binary with its embedded sandbox.
/// Part of the serialized tmux suite.
extension ConsoleInTmuxTests {
    @Test("l resends the link: the conversation pane shows it twice, the payments list one payment; the same amount again asks first")
    func resendLink() async throws {
        let session = try await openConsole()
        try await sendPayment(session, description: "Resent deposit", amount: "42.00")
        let client = try SandboxClientSide(dataDirectory: dataDirectory(session))
        let payment = try await client.newestPayment()
        try await session.waitFor("the link posted once") { lines in
            lines.filter { $0.contains("agent: Please pay $42.00") }.count == 1
        }

        try session.keys("l")
        try await session.waitFor("the link posted twice, the toast and the timeline", timeout: 5) { lines in
            lines.filter { $0.contains("agent: Please pay $42.00") }.count == 2
                && lines.contains { $0.contains("Resent the link into the conversation.") }
                && lines.contains { $0.contains("pending") && $0.contains("link resent") }
        }
        // The platform agrees: one payment, the same link posted twice.
        let payments = try await client.payments()
        #expect(payments.filter { $0.payment.description == "Resent deposit" }.count == 1)
        #expect(payments.first { $0.id == payment.id }?.shortUrl == payment.shortUrl)

        // At once again: the platform's sentence, and no third posting.
        try session.keys("l")
        try await session.waitFor(text: "The link was resent less than a minute ago", timeout: 5)
        #expect(try session.capture().filter { $0.contains("agent: Please pay $42.00") }.count == 2)

        try session.keys("Escape")
        try await session.waitFor("the list with one payment") { lines in
            lines.filter { $0.contains("Resent deposit") }.count == 1 && lines.contains { $0.contains("USD 42.00") }
        }

        // The same amount into the same conversation: the guard shows the existing payment first.
        try session.keys("n")
        try await session.waitFor(text: "New payment")
        try session.type("Resent deposit again")
        try session.keys("Tab")
        try session.keys("Tab")
        try session.type("42.00")
        try await session.waitFor(text: "Total USD 42.00")
        try session.keys("C-s")
        try await session.waitFor(text: "What the customer will see")
        try session.keys("Enter")
        try await session.waitFor("the duplicate guard") { lines in
            lines.contains { $0.contains("Possible duplicate") } && lines.joined().contains("“Resent deposit”")
        }
        try session.keys("n")
        try await session.waitFor("the preview again, nothing sent") { lines in
            !lines.contains { $0.contains("Possible duplicate") } && lines.contains { $0.contains("What the customer will see") }
        }
        #expect(try await client.payments().filter { $0.payment.description.hasPrefix("Resent deposit") }.count == 1)
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
