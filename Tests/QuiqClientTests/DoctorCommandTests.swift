import Foundation
import Testing

/// `quiqpay doctor`, the real binary against the real sandbox on loopback: a healthy site, then
/// each way a site goes wrong, each shown on its own line with its fix and the exit code.
@Suite("quiqpay doctor against the sandbox")
struct DoctorCommandTests {
    /// A terminal the checks find healthy, so only the site decides the exit code.
    static let terminal = ["TERM": "xterm-256color", "LANG": "C.UTF-8"]

    /// The lines of a check: `FAIL  key.agent  …` and the `fix:` line under it, if any.
    static func line(_ name: String, in stdout: String) -> (line: String, fix: String?)? {
        let lines = stdout.split(separator: "\n").map(String.init)
        guard let index = lines.firstIndex(where: { $0.dropFirst(6).hasPrefix(name + " ") }) else { return nil }
        let next = lines.indices.contains(index + 1) ? lines[index + 1] : ""
        return (lines[index], next.hasPrefix("      fix: ") ? String(next.dropFirst(11)) : nil)
    }

    @Test("a healthy sandbox: every check passes or is a warning, one line each, exit 0; --json is an array")
    func healthy() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        let result = try await cli.run(["doctor"], extra: Self.terminal)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("FAIL"), "\(result.stdout)")
        for name in ["config", "dns", "tcp", "key.agent", "key.admin", "key.client", "settings.paymentKey", "clock",
                     "terminal.colours", "terminal.utf8"] {
            #expect(Self.line(name, in: result.stdout)?.line.hasPrefix("ok") == true, "\(name): \(result.stdout)")
        }
        for operation in ["createPayment", "listConversationPayments", "listPayments", "listPaymentChanges", "getPayment",
                          "cancelPayment", "getConversation", "getSettings", "putSettings", "health"] {
            #expect(Self.line("route." + operation, in: result.stdout)?.line.hasPrefix("ok") == true, "\(operation): \(result.stdout)")
        }
        // A sandbox's collection URL is plain HTTP on loopback: said, with what to do before going live.
        let collection = Self.line("settings.collectionUrl", in: result.stdout)
        #expect(collection?.line.hasPrefix("warn") == true && collection?.fix?.contains("https://") == true, "\(result.stdout)")
        #expect(Self.line("tls", in: result.stdout)?.line.hasPrefix("skip") == true)
        #expect(result.stdout.split(separator: "\n").last?.hasSuffix("skipped.") == true)

        // Probing changed nothing: no payment was created, the settings are as they were.
        let payments = try await withAPI(sandbox.options()) { api in try await api.payments(inConversation: sandbox.conversationId) }
        #expect(payments.isEmpty)

        struct Check: Decodable { var check: String; var status: String; var detail: String; var fix: String? }
        let json = try await cli.run(["doctor", "--json"], extra: Self.terminal)
        #expect(json.status == 0)
        let checks = try json.json([Check].self)
        #expect(checks.count >= 19)
        #expect(!checks.contains { $0.status == "fail" })
        #expect(checks.first { $0.check == "route.getPayment" }?.status == "pass")
        await sandbox.stop()
    }

    @Test("a wrong secret: key.agent fails with HTTP 401 and what to check, exit 1, the secret never shown")
    func wrongSecret() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: nil)
        let agent = try #require(sandbox.credentials.keys["agent"])
        let result = try await cli.run(["doctor"], extra: Self.terminal.merging([
            "QUIQ_SITE": sandbox.baseURL, "QUIQ_API_IDENTITY": agent.identity, "QUIQ_API_SECRET": "not-the-secret-41",
        ]) { $1 })
        #expect(result.status == 1, "\(result.stdout)")
        let check = try #require(Self.line("key.agent", in: result.stdout), "\(result.stdout)")
        #expect(check.line.hasPrefix("FAIL") && check.line.contains("HTTP 401"))
        #expect(check.fix?.contains("QUIQ_API_IDENTITY and QUIQ_API_SECRET") == true)
        #expect(!(result.stdout + result.stderr).contains("not-the-secret-41"))
        #expect(result.stderr.contains("checks failed"))
        await sandbox.stop()
    }

    @Test("a key of the wrong role: key.agent fails with HTTP 403, not an agent key, exit 1")
    func wrongRole() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: nil)
        let admin = try #require(sandbox.credentials.keys["admin"])
        let result = try await cli.run(["doctor"], extra: Self.terminal.merging([
            "QUIQ_SITE": sandbox.baseURL, "QUIQ_API_IDENTITY": admin.identity, "QUIQ_API_SECRET": admin.secret,
        ]) { $1 })
        #expect(result.status == 1, "\(result.stdout)")
        let check = try #require(Self.line("key.agent", in: result.stdout), "\(result.stdout)")
        #expect(check.line.hasPrefix("FAIL") && check.line.contains("HTTP 403") && check.line.contains("not an agent key"))
        #expect(check.fix?.contains("agent role") == true)
        // The routes are still there: a 403 is an answer from a route.
        #expect(Self.line("route.listPayments", in: result.stdout)?.line.hasPrefix("ok") == true, "\(result.stdout)")
        await sandbox.stop()
    }

    @Test("a moved route: an endpoint-table override to a missing path fails with its fix, exit 1")
    func movedRoute() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        try cli.writeConfig("endpoints:\n  getPayment: GET /api/v1/moved/{id}\n")
        let result = try await cli.run(["doctor"], extra: Self.terminal)
        #expect(result.status == 1, "\(result.stdout)")
        let check = try #require(Self.line("route.getPayment", in: result.stdout), "\(result.stdout)")
        #expect(check.line.hasPrefix("FAIL") && check.line.contains("GET /api/v1/moved/{id}") && check.line.contains("moved or missing"))
        #expect(check.fix?.contains("endpoints.getPayment") == true)
        #expect(check.fix?.contains("GET /api/v1/payment-requests/{id}") == true)
        // The neighbours, at their usual paths, still pass.
        #expect(Self.line("route.cancelPayment", in: result.stdout)?.line.hasPrefix("ok") == true, "\(result.stdout)")
        await sandbox.stop()
    }

    @Test("an unreachable site: tcp fails with its fix and the rest is skipped, exit 3, in text and JSON")
    func unreachable() async throws {
        let sandbox = try await TestSandbox.start()
        let stale = try QuiqPayProcess(sandbox: sandbox)
        await sandbox.stop()
        let gone = try await stale.run(["doctor"], extra: Self.terminal)
        #expect(gone.status == 3, "\(gone.stdout)")
        let tcp = try #require(Self.line("tcp", in: gone.stdout), "\(gone.stdout)")
        #expect(tcp.line.hasPrefix("FAIL") && tcp.line.contains("connection refused"))
        #expect(tcp.fix?.contains("quiqpay sandbox") == true)
        #expect(Self.line("routes", in: gone.stdout)?.line.hasPrefix("skip") == true)

        let cli = try QuiqPayProcess(sandbox: nil)
        struct Check: Decodable { var check: String; var status: String; var fix: String?; var exitCode: Int32? }
        let closed = ClosedPort()
        let live = try await cli.run(["doctor", "--json", "--site", "http://127.0.0.1:\(closed.port)"],
                                     extra: Self.terminal.merging(["QUIQ_API_IDENTITY": "id", "QUIQ_API_SECRET": "secret-abc"]) { $1 })
        #expect(live.status == 3)
        withExtendedLifetime(closed) {}  // refusing until here
        let checks = try live.json([Check].self)
        let failed = checks.first { $0.check == "tcp" }
        #expect(failed?.status == "fail" && failed?.exitCode == 3 && failed?.fix?.contains("port") == true)
        #expect(!(live.stdout + live.stderr).contains("secret-abc"))

        // A name that does not resolve: dns fails, nothing below it is tried.
        let unnamed = try await cli.run(["doctor", "--site", "https://no-such-host.invalid"],
                                        extra: Self.terminal.merging(["QUIQ_API_IDENTITY": "id", "QUIQ_API_SECRET": "secret-abc"]) { $1 })
        #expect(unnamed.status == 3)
        #expect(Self.line("dns", in: unnamed.stdout)?.line.hasPrefix("FAIL") == true, "\(unnamed.stdout)")
        #expect(Self.line("tcp", in: unnamed.stdout)?.line.hasPrefix("skip") == true)

        // No configuration at all: the config line says what to do, exit 3 as for every command.
        let none = try await cli.run(["doctor"], extra: Self.terminal)
        #expect(none.status == 3)
        #expect(Self.line("config", in: none.stdout)?.line.contains("No sandbox is running") == true, "\(none.stdout)")
    }

    @Test("an unknown terminal type fails terminal.colours with exit 2; a non-UTF-8 locale warns")
    func terminal() async throws {
        let sandbox = try await TestSandbox.start()
        let healthy = try QuiqPayProcess(sandbox: sandbox)
        let result = try await healthy.run(["doctor"], extra: ["TERM": "no-such-terminal-9", "LANG": "C"])
        #expect(result.status == 2, "\(result.stdout)")
        let colours = try #require(Self.line("terminal.colours", in: result.stdout))
        #expect(colours.line.hasPrefix("FAIL") && colours.fix?.contains("TERM") == true)
        #expect(Self.line("terminal.utf8", in: result.stdout)?.line.hasPrefix("warn") == true)
        await sandbox.stop()
    }

    @Test("a TLS site whose certificate is not trusted: tls fails with the CA fix, the rest is skipped, exit 3")
    func untrustedCertificate() async throws {
        let openssl = "/usr/bin/openssl"
        guard FileManager.default.isExecutableFile(atPath: openssl) else {
            Issue.record("openssl is missing: install it with `apt-get install openssl` (.ci/test does)")
            return
        }
        let cli = try QuiqPayProcess(sandbox: nil)
        let folder = cli.home + "/tls"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let made = Process()
        made.executableURL = URL(fileURLWithPath: openssl)
        made.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
                          "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        made.standardError = FileHandle.nullDevice
        try made.run()
        // Polled, not waitUntilExit, which can wait forever when another test's child holds the descriptor it watches.
        let madeDeadline = ContinuousClock.now + .seconds(20)
        while made.isRunning, ContinuousClock.now < madeDeadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(made.terminationStatus == 0)

        // A TLS server with a certificate nobody trusts: openssl's own, answering HTTP with -www.
        let port = LoopbackProxy.freePort()
        let log = folder + "/server.out"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: openssl)
        server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", folder + "/cert.pem", "-key", folder + "/key.pem", "-www"]
        server.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        server.standardError = server.standardOutput
        try server.run()
        defer { server.terminate() }
        let deadline = ContinuousClock.now + .seconds(10)
        while !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("ACCEPT"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }

        let result = try await cli.run(["doctor", "--site", "https://127.0.0.1:\(port)"],
                                       extra: Self.terminal.merging(["QUIQ_API_IDENTITY": "id", "QUIQ_API_SECRET": "secret-abc"]) { $1 })
        #expect(result.status == 3, "\(result.stdout)")
        #expect(Self.line("tcp", in: result.stdout)?.line.hasPrefix("ok") == true, "\(result.stdout)")
        let tls = try #require(Self.line("tls", in: result.stdout), "\(result.stdout)")
        #expect(tls.line.hasPrefix("FAIL") && tls.fix?.contains("QUIQ_CA_FILE") == true)
        #expect(Self.line("key.agent", in: result.stdout)?.line.hasPrefix("skip") == true)
        #expect(!(result.stdout + result.stderr).contains("secret-abc"))
    }
}
