import Foundation
import Testing

/// `quiqpay demo --autopilot` in a real terminal: sandbox, reference Client, console and the
/// autopilot's "user" all in one process, every step lit by a real happening.
// One tmux-driven suite at a time: every real-terminal suite is nested in ConsoleInTmuxTests (serialized).
extension ConsoleInTmuxTests {
@Suite("quiqpay demo in tmux", .serialized)
struct DemoInTmuxTests {
    /// The rows of the seven steps that show a check mark (or a cross, when failed).
    static func doneSteps(_ lines: [String], mark: Character = "✓") -> Int {
        lines.filter { $0.first == mark }.count
    }

    @Test("--autopilot: all seven steps done and the payment paid within 20 s; q leaves a sane terminal")
    func autopilotPays() async throws {
        let session = try TmuxSession(cols: 80, rows: 24)
        try session.startConsole(arguments: "demo --autopilot --pause 0.5 --processor-delay-ms 200")
        let lines = try await session.waitFor("seven steps done and paid", timeout: 20) { lines in
            lines.contains { $0.contains("USD 125.50 paid · 7/7 steps") } && Self.doneSteps(lines) == 7
        }
        #expect(lines[0].contains("Handshake"))
        #expect(lines.contains { $0.contains("X-Quiq-Payment-Key: ••••") })
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
        try await session.assertTerminalSane()
    }

    @Test("--autopilot --decline: the processor declines, the reply says failed")
    func autopilotDeclines() async throws {
        let session = try TmuxSession(cols: 80, rows: 24)
        try session.startConsole(arguments: "demo --autopilot --decline --pause 0.3 --processor-delay-ms 100")
        let lines = try await session.waitFor("the failure path", timeout: 20) { lines in
            lines.contains { $0.contains("USD 125.50 failed · 7/7 steps") } && Self.doneSteps(lines, mark: "✗") == 2
                && Self.doneSteps(lines) == 5
        }
        #expect(lines.contains { $0.contains("→ 200 status failed") })
        try session.keys("Up")
        try await session.waitFor(text: "Step 6 of 7")
        try await session.waitFor(text: "→ failure")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("stepping: n creates the payment by hand, space reveals each step in order")
    func steppingByHand() async throws {
        let session = try TmuxSession(cols: 80, rows: 24)
        try session.startConsole(arguments: "demo --step")
        try await session.waitFor(text: "No demo payment yet: n creates one.")
        try session.keys("n")
        try await session.waitFor(text: "USD 125.50 pending · 0/7 steps")
        try await session.waitFor(text: "1 held back, space reveals")
        try session.keys("Space")
        let lines = try await session.waitFor(text: "USD 125.50 pending · 1/7 steps")
        #expect(Self.doneSteps(lines) == 1 && lines.contains { $0.contains("short link: http") })
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
}

extension ConsoleInTmuxTests.DemoInTmuxTests {
    @Test("every screen works in the demo: p lists the demo payment, n composes, b shows the board, h returns; the status line is live")
    func everyScreenInTheDemo() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        try session.startConsole(arguments: "demo --autopilot --pause 0.3 --processor-delay-ms 100")
        try await session.waitFor("seven steps done", timeout: 20) { lines in lines.contains { $0.contains("paid · 7/7 steps") } }
        try session.keys("p")
        let list = try await session.waitFor("the payments list with the demo payment") { lines in
            lines.contains { $0.contains("Deposit for order 1042") && $0.contains("paid") }
        }
        #expect(list[0].contains("● connected") && !list[0].contains("polled never"))
        try session.keys("n")
        try await session.waitFor(text: "New payment")
        #expect(try !session.capture().contains { $0.contains("No platform is connected") })
        try session.keys("Escape")
        try await session.waitFor("the payments screen again") { $0.first?.contains("Payments") == true }
        try session.keys("b")
        let board = try await session.waitFor("the board, refreshed") { lines in
            lines.contains { $0.contains("Recently finished") || $0.contains("No pending") } && lines[0].contains("Board")
        }
        #expect(board[0].contains("● connected"))
        try session.keys("h")
        try await session.waitFor(text: "paid · 7/7 steps")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
