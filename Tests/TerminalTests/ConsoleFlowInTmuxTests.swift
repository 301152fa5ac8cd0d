import Foundation
import Testing

/// The agent's whole job on the real binary with its embedded sandbox: type a payment,
/// preview, send, and see the Client's answer (sent over HTTP by the test) on screen; cancel;
/// a draft that survives kill -9. Part of the serialized tmux suite.
extension ConsoleInTmuxTests {
    /// Opens the console at 120x40 and waits for its first frame with the sandbox connected.
    func openConsole() async throws -> TmuxSession {
        let session = try TmuxSession(cols: 120, rows: 40)
        try session.startConsole()
        try await session.waitFor("the console on its sandbox", timeout: 15) { lines in
            lines.first?.contains("SANDBOX") == true && lines.first?.contains("connected") == true
                && lines.contains { $0.contains("No payments yet.") }
        }
        return session
    }

    /// Composes, previews and sends: returns once the detail shows the short link.
    func sendPayment(_ session: TmuxSession, description: String, amount: String) async throws {
        try await session.composeToPreview(description: description, amount: amount)
        try session.keys("Enter")
        try await session.waitForSentDetail(timeout: 20)
    }

    var dataDirectory: (TmuxSession) -> URL { { $0.home.appendingPathComponent("data/quiqpay") } }

    @Test("send a payment, the Client pays it over HTTP, the console shows paid within 3 s",
          arguments: [("success", "PAID", "Payment received"), ("failure", "FAILED", "Payment failed")])
    func sendAndPay(outcome: String, shown: String, posted: String) async throws {
        let session = try await openConsole()
        try await sendPayment(session, description: "Deposit for order 1042", amount: "125.50")
        let client = try SandboxClientSide(dataDirectory: dataDirectory(session))
        let payment = try await client.newestPayment()
        let token = try #require(payment.token)
        #expect(payment.payment.amount == 12_550)
        try await client.read(token: token)
        try await session.waitFor(text: "OPENED", timeout: 3)
        try await client.reply(token: token, outcome: outcome)
        try await session.waitFor(text: shown, timeout: 3)
        try await session.waitFor(text: posted, timeout: 3)  // the platform's message in the conversation pane
        try session.keys("Escape")
        try await session.waitFor("the list with the payment") { lines in
            lines.contains { $0.contains(shown.lowercased()) && $0.contains("USD 125.50") && $0.contains("Deposit for order 1042") }
        }
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("x cancels the payment after a confirm")
    func cancel() async throws {
        let session = try await openConsole()
        try await sendPayment(session, description: "To be withdrawn", amount: "9.99")
        try session.keys("x")
        try await session.waitFor(text: "Cancel payment")
        try session.keys("y")
        try await session.waitFor(text: "CANCELLED", timeout: 3)
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("kill -9 mid-draft: the next start reopens the draft and says it was recovered")
    func draftSurvivesKill() async throws {
        let session = try await openConsole()
        try session.keys("n")
        try await session.waitFor(text: "New payment")
        try session.type("Half typed")
        try session.keys("Tab")
        try await session.waitFor("the typed description") { $0.contains { $0.contains("Half typed") } }
        // The journal is written off the UI thread: kill once the draft's text is on disk.
        let journal = session.home.appendingPathComponent("data/quiqpay")
        try await session.waitUntil("the draft in the journal") {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: journal.path)) ?? []
            return files.filter { $0.hasPrefix("journal.sqlite") }.contains { name in
                (try? Data(contentsOf: journal.appendingPathComponent(name)))?.range(of: Data("Half typed".utf8)) != nil
            }
        }
        kill(try await session.consolePID(), SIGKILL)
        try await session.waitFor(text: "EXIT=137")
        // Nobody restored the terminal: put it back (Enter may not be a newline now), clear the
        // screen the dead console left, wait for the shell, and start again.
        try session.type("stty sane; clear")
        try session.keys("C-j")
        try await session.waitFor("the shell prompt") { ($0.first?.hasPrefix("$") == true || $0.first?.hasPrefix("#") == true) && !$0.contains { $0.contains("EXIT=137") } }
        try session.startConsole()
        try await session.waitFor("the recovered draft", timeout: 30) { lines in
            lines.contains { $0.contains("draft recovered") } && lines.contains { $0.contains("Half typed") }
        }
        try session.keys("Escape")
        try await session.waitFor(text: "No payments yet.")  // Esc and q in one batch would read as Alt-q
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}

extension ConsoleInTmuxTests {
    @Test("plain quiqpay: h shows the handshake of the payment just sent, and follows it to paid")
    func handshakeFollowsTheSentPayment() async throws {
        let session = try await openConsole()
        try await sendPayment(session, description: "Deposit for order 1042", amount: "125.50")
        try session.keys("h")
        try await session.waitFor(text: "USD 125.50 pending · 1/7 steps")
        let client = try SandboxClientSide(dataDirectory: dataDirectory(session))
        let payment = try await client.newestPayment()
        let token = try #require(payment.token)
        try await client.read(token: token)
        try await client.reply(token: token, outcome: "success")
        // A Client of its own (this test) pays: the platform's answers light steps 1, 3 and 7.
        let lines = try await session.waitFor(text: "USD 125.50 paid · 3/7 steps")
        #expect(!lines.contains { $0.contains("run quiqpay demo") })
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
