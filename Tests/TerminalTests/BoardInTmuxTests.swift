import Foundation
import Testing
import TestSupport

/// The supervisor board of the real binary against a real sandbox process, with payments
/// seeded and paid through the HTTP API exactly as API.md says.
// One tmux-driven suite at a time: every real-terminal suite is nested in ConsoleInTmuxTests (serialized).
extension ConsoleInTmuxTests {
@Suite("quiqpay board in tmux", .serialized)
struct BoardInTmuxTests {
    @Test("counts, filter, a payment paid through the API, and a CSV that matches the screen")
    func board() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        let sandbox = try await SandboxProcess.started(home: session.home)
        defer { sandbox.stop() }
        // A few hundred payments, created through the API in parallel.
        try await sandbox.quiqpay(["bench", "board", "--credentials", sandbox.credentialsPath, "--payments", "300", "--seed-only"])

        try session.startConsole(environment: "cd \(session.home.path) && ", arguments: "board --data-dir \(sandbox.dataDirectory)")
        try await session.waitFor(text: "300 active", timeout: 15)
        try await session.waitFor(text: "pending 300")

        try session.type("/12,")
        try await session.waitFor(text: "3 of 300 match")
        try session.keys("Enter")

        // The Client reads payment 112 and replies with the Payment Key: it leaves the board, paid.
        let client = try SandboxClientSide(dataDirectory: session.home)
        let payment = try await client.activePayment(described: "Bench order 112, widgets")
        let token = try #require(payment.token)
        try await client.read(token: token)
        #expect(try await client.reply(token: token, outcome: "success").status == .paid)
        let lines = try await session.waitFor("the paid payment to leave the board", timeout: 10) { lines in
            lines.contains { $0.contains("2 of 299 match") } && lines.contains { $0.hasPrefix("paid") && $0.contains("Bench order 112") }
        }
        #expect(lines.contains { $0.contains("pending 2") })

        try session.keys("e")
        try await session.waitFor(text: "Exported 2 rows to \(session.home.path)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: session.home.path).first { $0.hasSuffix(".csv") })
        let csv = try String(contentsOfFile: session.home.appendingPathComponent(file).path, encoding: .utf8)
        let csvDescriptions = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.compactMap(Self.description)
        let screen = try session.capture()
        let screenDescriptions = screen.filter { $0.hasPrefix("pending") || $0.hasPrefix("opened") || $0.hasPrefix("●") }
            .compactMap(Self.description)
        #expect(csvDescriptions == ["Bench order 212, widgets", "Bench order 12, widgets"])
        #expect(csvDescriptions == screenDescriptions)

        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    /// `Bench order 12, widgets` out of a line of the screen or of the CSV.
    static func description(_ line: String) -> String? {
        guard let range = line.range(of: #"Bench order \d+, widgets"#, options: .regularExpression) else { return nil }
        return String(line[range])
    }
}
}

extension SandboxProcess {
    /// `quiqpay sandbox` on a free port, with its data and settings in the test's home.
    static func started(home: URL) async throws -> SandboxProcess {
        let sandbox = SandboxProcess(dataDirectory: home.path, environment: environment(home: home))
        try await sandbox.start()
        return sandbox
    }

    static func environment(home: URL) -> [String: String] {
        ["HOME": home.path, "XDG_DATA_HOME": home.path + "/data", "XDG_CONFIG_HOME": home.path + "/config",
         "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    }

    /// Runs quiqpay to completion; fails the test on a non-zero exit.
    func quiqpay(_ arguments: [String]) async throws {
        let child = try await ChildProcess.run(try TmuxSession.binary(), arguments, environment: environment, timeout: .seconds(120))
        try #require(child.status == 0, "quiqpay \(arguments.joined(separator: " ")) exited \(child.status): \(child.output)")
    }
}
