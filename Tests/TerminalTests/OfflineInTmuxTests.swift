import Foundation
import PaymentCore
import Testing
import TestSupport

/// The console with its platform gone while the agent composes and sends: the draft is kept
/// and exactly one payment is made once the platform is back, even across a kill -9.
// One tmux-driven suite at a time: every real-terminal suite is nested in ConsoleInTmuxTests (serialized).
extension ConsoleInTmuxTests {
@Suite("quiqpay offline in tmux", .serialized)
struct OfflineInTmuxTests {
    /// The console on a `quiqpay sandbox` process sharing its data folder, connected.
    func console(on sandbox: SandboxProcess, in session: TmuxSession) async throws {
        try session.startConsole(arguments: "--data-dir \(session.home.path)")
        try await session.waitFor("the console on the sandbox process", timeout: 30) { lines in
            lines.first?.contains("● connected") == true
        }
    }

    /// The payments of the demo conversation described `description`, read with the agent key.
    func payments(described description: String, home: URL) async throws -> [PaymentMessage] {
        try await SandboxClientSide(dataDirectory: home).payments().filter { $0.payment.description == description }
    }

    @Test("Send while the platform is down: the status line says unreachable, the draft is kept, and one payment is made when it is back")
    func sendWhileUnreachable() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        let sandbox = try await SandboxProcess.started(home: session.home)
        defer { sandbox.stop() }
        try await console(on: sandbox, in: session)
        let port = try #require(sandbox.port)
        sandbox.kill()
        try await session.composeToPreview(description: "Sent while offline", amount: "42.00")
        try session.keys("Enter")
        try await session.waitFor("the status line to say unreachable", timeout: 30) { $0.first?.contains("✕ unreachable") == true }
        // The send gives up after its retries: the draft is back on Compose, with the reason.
        try await session.waitFor("the kept draft", timeout: 30) { lines in
            lines.first?.contains("Compose") == true && lines.contains { $0.contains("Sent while offline") }
        }

        try await sandbox.start(port: port)
        try await session.waitFor("the console to reconnect", timeout: 40) { $0.first?.contains("● connected") == true }
        #expect(try await payments(described: "Sent while offline", home: session.home).isEmpty)
        try session.keys("C-s")
        try await session.waitFor(text: "What the customer will see")
        try session.keys("Enter")
        try await session.waitForSentDetail()
        let made = try await payments(described: "Sent while offline", home: session.home)
        #expect(made.count == 1, "\(made.count) payments described \"Sent while offline\"")
        #expect(made.first?.payment.amount == 4_200)
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("kill -9 between Send and its answer, then a restart: the recovered draft sends again with the same Idempotency-Key, one payment")
    func crashBetweenSendAndAnswer() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        let sandbox = try await SandboxProcess.started(home: session.home)
        defer { sandbox.stop() }
        try await console(on: sandbox, in: session)
        let port = try #require(sandbox.port)
        try await session.composeToPreview(description: "Crash before the answer", amount: "17.25")
        // The platform takes the request and answers nothing: stopped, its sockets still open.
        sandbox.pause()
        let before = try Self.bytesQueued(toPort: port)
        try session.keys("Enter")
        // A create (headers and JSON) is larger than any read the heartbeat may queue meanwhile:
        // once that many bytes wait in the stopped platform's sockets, the request has left.
        try await session.waitUntil("the request in the platform's receive queue (port \(port), \(before) bytes before)", timeout: 60) {
            try Self.bytesQueued(toPort: port) > before + 400
        }
        kill(try await session.consolePID(), SIGKILL)
        try await session.waitFor(text: "EXIT=137")
        // The platform wakes and handles the request the console did not live to hear answered.
        sandbox.resume()
        var first: [PaymentMessage] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while first.isEmpty && ContinuousClock.now < deadline {
            // The woken sandbox may refuse a read or two while it catches up: poll until one answers.
            first = (try? await payments(described: "Crash before the answer", home: session.home)) ?? []
            if first.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(first.count == 1, "the first Send made \(first.count) payments: this test needs the platform to have handled it")
        try session.type("stty sane; clear")
        try session.keys("C-j")
        try await session.waitFor("the shell prompt") { ($0.first?.hasPrefix("$") == true || $0.first?.hasPrefix("#") == true) && !$0.contains { $0.contains("EXIT=137") } }

        try await console(on: sandbox, in: session)
        try await session.waitFor("the recovered draft", timeout: 30) { lines in
            lines.contains { $0.contains("draft recovered") } && lines.contains { $0.contains("Crash before the answer") }
        }
        try session.keys("C-s")
        try await session.waitFor(text: "What the customer will see")
        try session.keys("Enter")
        try await session.waitForSentDetail()
        let made = try await payments(described: "Crash before the answer", home: session.home)
        #expect(made.count == 1, "\(made.count) payments: the second Send used another Idempotency-Key")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    /// Bytes waiting, unread, in the receive queues of sockets listening or accepted on `port`
    /// (`/proc/net/tcp`: the request a stopped server has not read).
    static func bytesQueued(toPort port: Int) throws -> Int {
        // Read to the end: procfs says its files are empty, and a read sized by that gets the
        // first page only, missing every socket past the first few dozen on a busy machine.
        guard let handle = FileHandle(forReadingAtPath: "/proc/net/tcp") else { return 0 }
        defer { try? handle.close() }
        let table = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        let hexPort = String(format: ":%04X", port)
        return table.split(separator: "\n").dropFirst().reduce(0) { total, row in
            let fields = row.split(separator: " ")
            guard fields.count > 4, fields[1].hasSuffix(hexPort) else { return total }
            let queues = fields[4].split(separator: ":")
            return total + (queues.count == 2 ? Int(queues[1], radix: 16) ?? 0 : 0)
        }
    }
}
}
