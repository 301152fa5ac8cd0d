import Foundation
import PaymentCore
import Testing
import TestSupport

/// Commands no other test ran: `themes`, `currencies`, `sandbox --collection-url`, `merchant`
/// with its flags, `board --readonly` and the board's keys, `demo --autopilot --loop`.
// One tmux-driven suite at a time: every real-terminal suite is nested in ConsoleInTmuxTests (serialized).
extension ConsoleInTmuxTests {
@Suite("quiqpay commands", .serialized)
struct CommandsInTmuxTests {
    static var home: URL { FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-commands-\(UUID().uuidString.prefix(8))") }

    @Test("quiqpay themes lists every shipped theme with its summary and exits 0")
    func themes() async throws {
        let home = Self.home
        defer { try? FileManager.default.removeItem(at: home) }
        let child = try await ChildProcess.run(try TmuxSession.binary(), ["themes"], environment: SandboxProcess.environment(home: home))
        #expect(child.status == 0, "quiqpay themes exited \(child.status): \(child.output)")
        let lines = child.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Themes (use --theme NAME or QUIQPAY_THEME=NAME; yours go in ") == true)
        #expect(lines.contains { $0.hasPrefix("  default ") && $0.contains("built in") })
        let named = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(named == ["default", "dracula", "high-contrast", "light", "monochrome", "nord"])
        #expect(!child.output.contains("broken"))
        // Not a terminal: the preview is plain text, every role named, no SGR.
        #expect(child.output.contains(" SANDBOX  LIVE  text ") && !child.output.contains("\u{1B}["))
    }

    @Test("quiqpay currencies lists ISO 4217 with exponents; currencies eur keeps only the matches")
    func currencies() async throws {
        let binary = try TmuxSession.binary()
        let all = try await ChildProcess.run(binary, ["currencies"])
        #expect(all.status == 0)
        let rows = all.output.split(separator: "\n").map(String.init)
        #expect(rows.count > 100)
        #expect(rows.contains { $0.hasPrefix("USD  2  ") && $0.hasSuffix("US Dollar") })
        #expect(rows.contains { $0.hasPrefix("JPY  0  ") })
        #expect(rows.contains { $0.hasPrefix("KWD  3  ") })

        let euro = try await ChildProcess.run(binary, ["currencies", "eur"])
        #expect(euro.status == 0)
        let matches = euro.output.split(separator: "\n").map(String.init)
        #expect(matches.contains { $0.hasPrefix("EUR  2  ") && $0.hasSuffix("Euro") })
        #expect(!matches.isEmpty && matches.count < rows.count)
        #expect(matches.allSatisfy { $0.lowercased().contains("eur") }, "a row that does not match eur: \(matches)")
    }

    @Test("sandbox --collection-url: no reference Client starts, and payment links start with that URL")
    func sandboxCollectionURL() async throws {
        let home = Self.home
        defer { try? FileManager.default.removeItem(at: home) }
        let sandbox = SandboxProcess(dataDirectory: home.path, environment: SandboxProcess.environment(home: home))
        try await sandbox.start(arguments: ["--collection-url", "https://pay.example.com/checkout"])
        defer { sandbox.stop() }
        #expect(sandbox.output.contains("Sandbox running at http://127.0.0.1:"))
        #expect(!sandbox.output.contains("Reference Client at"), "a reference Client started: \(sandbox.output)")
        #expect(!sandbox.output.contains("Card processor at"))

        let child = try await ChildProcess.run(try TmuxSession.binary(),
                                               ["send", "--data-dir", home.path, "--description", "Collected elsewhere", "--amount", "5.00", "--json"],
                                               environment: sandbox.environment)
        #expect(child.status == 0, "send exited \(child.status): \(child.output)")
        let json = try #require(child.output.split(separator: "\n").first { $0.hasPrefix("{") })
        let message = try JSONDecoder().decode(PaymentMessage.self, from: Data(json.utf8))
        let link = try #require(message.paymentUrl)
        #expect(link.hasPrefix("https://pay.example.com/checkout"), "payment link \(link)")
        #expect(message.payment.amount == 500)
    }

    @Test("merchant --site --identity --secret --payment-key serves against a sandbox and prints its collection URL")
    func merchantWithFlags() async throws {
        let home = Self.home
        defer { try? FileManager.default.removeItem(at: home) }
        let sandbox = SandboxProcess(dataDirectory: home.path, environment: SandboxProcess.environment(home: home))
        try await sandbox.start()
        defer { sandbox.stop() }
        let file = try SandboxClientSide(dataDirectory: home).file
        let client = try #require(file.keys["client"])
        let merchant = Process()
        merchant.executableURL = URL(fileURLWithPath: try TmuxSession.binary())
        merchant.arguments = ["merchant", "--site", file.baseUrl, "--identity", client.identity, "--secret", client.secret,
                              "--payment-key", file.paymentKey]
        merchant.environment = sandbox.environment
        let outputFile = try OutputFile()
        let output = try outputFile.handle()
        merchant.standardOutput = output  // its log goes to stderr, not read here
        merchant.standardError = FileHandle.nullDevice
        try merchant.run()
        try output.close()
        defer {
            if merchant.isRunning { kill(merchant.processIdentifier, SIGKILL) }
        }
        let printed = try await outputFile.waitForLines(2, while: { merchant.isRunning })
        try #require(printed.count >= 2, "merchant printed: \(printed)")
        let collectionURL = try #require(printed.first)
        #expect(collectionURL.hasPrefix("http://127.0.0.1:"), "the first line is not a collection URL: \(collectionURL)")
        #expect(printed[1].hasPrefix("Card processor at http://127.0.0.1:"))
        #expect(!printed.joined().contains(client.secret) && !printed.joined().contains(file.paymentKey))
        kill(merchant.processIdentifier, SIGTERM)
        try await Self.waitUntil { !merchant.isRunning }
        #expect(merchant.terminationReason == .exit && merchant.terminationStatus == 0, "SIGTERM did not stop it gracefully")
    }

    @Test("merchant without a flag it needs exits 2 with the sentence that names it",
          arguments: [(["--identity", "i", "--secret", "s", "--payment-key", "p"], "Give --site URL, or --sandbox-file PATH."),
                      (["--site", "http://127.0.0.1:9", "--secret", "s", "--payment-key", "p"], "Give the client API key with --identity (or QUIQ_API_IDENTITY) and --secret-file (or QUIQ_API_SECRET)."),
                      (["--site", "http://127.0.0.1:9", "--identity", "i", "--secret", "s"], "Give the Payment Key with --payment-key-file (or QUIQPAY_PAYMENT_KEY).")])
    func merchantMissingFlag(arguments: [String], sentence: String) async throws {
        let home = Self.home
        defer { try? FileManager.default.removeItem(at: home) }
        let child = try await ChildProcess.run(try TmuxSession.binary(), ["merchant"] + arguments, environment: SandboxProcess.environment(home: home))
        #expect(child.status == 2, "merchant exited \(child.status): \(child.output)")
        #expect(child.output.contains(sentence), "merchant printed: \(child.output)")
    }

    /// The first `count` lines of a file another process writes, waiting up to 15 s.
    static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try #require(condition(), "timed out")
    }
}
}

/// The board of the real binary: `--readonly`, and its keys `x`, `Enter`, `P`, `+`, `-`.
extension ConsoleInTmuxTests.CommandsInTmuxTests {
    /// A sandbox process with three payments, and the board on it in tmux.
    func board(readOnly: Bool) async throws -> (TmuxSession, SandboxProcess) {
        let session = try TmuxSession(cols: 120, rows: 40)
        let sandbox = try await SandboxProcess.started(home: session.home)
        try await sandbox.quiqpay(["bench", "board", "--credentials", sandbox.credentialsPath, "--payments", "3", "--seed-only"])
        try session.startConsole(arguments: "board \(readOnly ? "--readonly " : "")--data-dir \(sandbox.dataDirectory)")
        try await session.waitFor(text: "3 active", timeout: 30)
        return (session, sandbox)
    }

    @Test("board --readonly: the header says READ-ONLY and x refuses to cancel")
    func readOnlyBoard() async throws {
        let (session, sandbox) = try await board(readOnly: true)
        defer { sandbox.stop() }
        try await session.waitFor(text: "READ-ONLY: no cancel")
        try session.keys("x")
        try await session.waitFor(text: "Read-only board (--readonly): cancelling is off here.")
        let lines = try session.capture()
        #expect(!lines.contains { $0.contains("Cancel payment") })
        #expect(lines.contains { $0.contains("3 active") })
        try await session.waitFor(text: "pending 3")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("the board's keys: Enter opens the detail, x cancels after a confirm, P pauses, + and - change the refresh")
    func boardKeys() async throws {
        let (session, sandbox) = try await board(readOnly: false)
        defer { sandbox.stop() }
        #expect(!(try session.capture()).contains { $0.contains("READ-ONLY") })

        try session.keys("+")
        try await session.waitFor("refresh 1s") { $0.first?.contains(" refresh 1s ") == true }
        try session.keys("-")
        try await session.waitFor("refresh 2s") { $0.first?.contains(" refresh 2s ") == true }
        try session.keys("-")
        try await session.waitFor("refresh 5s") { $0.first?.contains(" refresh 5s ") == true }
        try session.keys("P")
        try await session.waitFor("the PAUSED banner") { lines in
            lines.first?.contains(" PAUSED ") == true && lines.contains { $0.contains("PAUSED") && $0.contains("the board is NOT refreshing. P resumes.") }
        }
        try session.keys("P")
        try await session.waitFor("refresh again") { lines in
            lines.first?.contains(" refresh 5s ") == true && !lines.contains { $0.contains("NOT refreshing") }
        }

        try session.keys("Enter")
        let overlay = try await session.waitFor("the detail overlay") { lines in
            lines.contains { $0.contains("Payment") && $0.contains("─") } && lines.contains { $0.contains("Bench order") }
        }
        let description = try #require(overlay.compactMap(ConsoleInTmuxTests.BoardInTmuxTests.description).first)
        try session.keys("Escape")
        try await session.waitFor("the overlay to close") { lines in !lines.contains { $0.contains("┤ Payment") || $0.contains("─ Payment ─") } }

        // x on the same selection: the confirm names the payment the overlay showed.
        try session.keys("x")
        try await session.waitFor(text: "Cancel payment")
        try await session.waitFor(text: "for “\(description)”?")
        let cancelled = description
        try session.keys("y")
        try await session.waitFor("the cancelled payment to leave the board", timeout: 30) { lines in
            lines.contains { $0.contains("2 active") } && lines.contains { $0.hasPrefix("cancelled") && $0.contains(cancelled) }
        }
        let client = try SandboxClientSide(dataDirectory: session.home)
        await #expect(throws: SandboxClientSide.Failure.self) { try await client.activePayment(described: cancelled) }
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}

/// `quiqpay demo --autopilot --loop`: after the first run a second starts by itself.
extension ConsoleInTmuxTests.CommandsInTmuxTests {
    @Test("demo --autopilot --loop: a second run starts by itself; the steps reset and light again")
    func demoLoop() async throws {
        let session = try TmuxSession(cols: 80, rows: 24)
        try session.startConsole(arguments: "demo --autopilot --loop --pause 0.3 --processor-delay-ms 100")
        try await session.waitFor("the first run paid", timeout: 30) { lines in
            lines.contains { $0.contains("USD 125.50 paid · 7/7 steps") } && ConsoleInTmuxTests.DemoInTmuxTests.doneSteps(lines) == 7
        }
        try await session.waitFor("the second run to start", timeout: 30) { lines in
            lines.contains { $0.contains("USD 125.50 pending · ") } && ConsoleInTmuxTests.DemoInTmuxTests.doneSteps(lines) < 7
        }
        try await session.waitFor("the second run paid", timeout: 30) { lines in
            lines.contains { $0.contains("USD 125.50 paid · 7/7 steps") } && ConsoleInTmuxTests.DemoInTmuxTests.doneSteps(lines) == 7
        }
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
