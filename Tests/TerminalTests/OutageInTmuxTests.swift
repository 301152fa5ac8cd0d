import Foundation
import Testing
import TestSupport

/// The platform going away under a running console, as an agent meets it: a `quiqpay sandbox`
/// process killed with SIGKILL, then started again on the same port and data.
extension ConsoleInTmuxTests {
    @Test("the platform dies: the status line says unreachable with the next retry; when it is back the console reconnects and follows the payment")
    func outageAndRecovery() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        let sandbox = try SandboxProcess.started(home: session.home)
        defer { sandbox.stop() }
        // --data-dir HOME: the console finds HOME/sandbox served by that process and uses it.
        try session.startConsole(arguments: "--data-dir \(session.home.path)")
        try session.waitFor("the console on the sandbox process", timeout: 15) { lines in
            lines.first?.contains("connected") == true && lines.contains { $0.contains("No payments yet.") }
        }
        try sendPayment(session, description: "Deposit for order 1042", amount: "125.50")
        let port = try #require(sandbox.port)

        sandbox.kill()
        let down = try session.waitFor("the status line to say unreachable", timeout: 15) { lines in
            lines.first?.contains("✕ unreachable, retry ") == true
        }
        #expect(down.contains { $0.contains("PENDING") })  // what it knew stays on screen

        try sandbox.start(port: port)
        try session.waitFor("the status line to reconnect", timeout: 40) { lines in
            lines.first?.contains("● connected") == true
        }
        let client = try SandboxClientSide(dataDirectory: session.home)
        let token = try #require(try await client.newestPayment().token)
        try await client.read(token: token)
        try await client.reply(token: token, outcome: "success")
        try session.waitFor(text: "PAID", timeout: 10)
        try session.keys("q")
        try session.waitFor(text: "EXIT=0")
    }
}
