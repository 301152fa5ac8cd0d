import Foundation
import Testing
import TestSupport

/// The platform going away under a running console, as an agent meets it: a `quiqpay sandbox`
/// process killed with SIGKILL, then started again on the same port and data.
extension ConsoleInTmuxTests {
    @Test("the platform dies: the status line says unreachable with the next retry; when it is back the console reconnects and follows the payment")
    func outageAndRecovery() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        let sandbox = try await SandboxProcess.started(home: session.home)
        defer { sandbox.stop() }
        // --data-dir HOME: the console finds HOME/sandbox served by that process and uses it.
        try session.startConsole(arguments: "--data-dir \(session.home.path)")
        try await session.waitFor("the console on the sandbox process", timeout: 15) { lines in
            lines.first?.contains("connected") == true && lines.contains { $0.contains("No payments yet.") }
        }
        try await sendPayment(session, description: "Deposit for order 1042", amount: "125.50")
        let port = try #require(sandbox.port)

        sandbox.kill()
        let down = try await session.waitFor("the status line to say unreachable", timeout: 15) { lines in
            lines.first?.contains("✕ unreachable, retry ") == true
        }
        #expect(down.contains { $0.contains("PENDING") })  // what it knew stays on screen

        try await sandbox.start(port: port)
        try await session.waitFor("the status line to reconnect", timeout: 40) { lines in
            lines.first?.contains("● connected") == true
        }
        let client = try SandboxClientSide(dataDirectory: session.home)
        let token = try #require(try await client.newestPayment().token)
        try await client.read(token: token)
        try await client.reply(token: token, outcome: "success")
        try await session.waitFor(text: "PAID", timeout: 10)
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("a platform without a health check: the heartbeat reads the conversation instead and the console stays connected")
    func noHealthCheck() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        let sandbox = try await SandboxProcess.started(home: session.home)
        defer { sandbox.stop() }
        let config = session.home.appendingPathComponent("config/quiqpay")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "endpoints:\n  health: GET /no-health-check-here\n".write(to: config.appendingPathComponent("config.yaml"),
                                                                     atomically: true, encoding: .utf8)
        try session.startConsole(arguments: "--data-dir \(session.home.path)")
        try await session.waitFor("the console connected", timeout: 15) { $0.first?.contains("● connected") == true }
        // Still connected, and polling, a few heartbeats later.
        try await session.waitFor("a later heartbeat", timeout: 10) { lines in
            lines.first?.contains("● connected") == true && lines.first?.contains("polled") == true
                && !(lines.first?.contains("polled never") ?? true)
        }
        #expect(try session.capture().first?.contains("degraded") == false)
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
