import Foundation
import PaymentCore
import QuiqClient
import Testing
import TestSupport

/// The real `quiqpay` binary as a subprocess, with HOME and XDG directories of its own.
struct QuiqPayProcess {
    let home = temporaryDirectory("cli-home")
    var environment: [String: String]

    init(sandbox: TestSandbox?) throws {
        environment = ["HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_DATA_HOME": home + "/data",
                       "PATH": "/usr/bin:/bin", "QUIQPAY_RETRIES": "2"]
        if let sandbox { try sandbox.descriptor.write(toDataDirectory: sandboxDirectory) }
        try writeConfig("watcher:\n  youngInterval: 0.05\n  maxInterval: 0.2\n")
    }

    var sandboxDirectory: String { home + "/data/quiqpay/sandbox" }
    var journalPath: String { home + "/data/quiqpay/journal.sqlite" }

    func writeConfig(_ text: String, mode: Int = 0o600) throws {
        let directory = home + "/config/quiqpay"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: directory + "/config.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: directory + "/config.yaml")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        func json<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(T.self, from: Data(stdout.utf8))
        }
    }

    /// The binary built next to this test bundle (where it should be, if it was not built).
    static var binary: String { QuiqpayExecutable.path ?? QuiqpayExecutable.fallback }

    /// Runs `quiqpay arguments...` to completion without blocking a thread of the test's pool.
    /// Runs the binary; `whileRunning` gets a way to read what it has printed so far, so a test
    /// acts on what the command showed rather than after a guessed delay.
    func run(_ arguments: [String], extra: [String: String] = [:],
             whileRunning: (@Sendable (_ stdoutSoFar: @escaping @Sendable () -> String) async throws -> Void)? = nil) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let outPath = home + "/out-\(UUID().uuidString)"
        let errPath = home + "/err-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            if let whileRunning {
                Task {
                    let soFar: @Sendable () -> String = { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
                    do { try await whileRunning(soFar) } catch { Issue.record("while the command ran: \(error)") }
                }
            }
        }
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: status, stdout: stdout, stderr: stderr)
    }
}

@Suite("The quiqpay commands, run as the real binary")
struct CommandTests {
    @Test("send prints the links and the id; status and cancel follow it; exit codes 0 and 1")
    func sendStatusCancel() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)

        let sent = try await cli.run(["send", "--description", "Deposit for order 1042", "--item", "Widget:2:50.00",
                                      "--item", "Gift wrap:1:25.50", "--meta", "orderId=1042", "--key", "k-1042"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let lines = sent.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("short link  http") == true)
        #expect(lines.dropFirst().first?.contains("token=") == true)
        let id = String(lines.last?.split(separator: " ").last ?? "")
        #expect(Identifier.isLowercaseUUID(id))

        let status = try await cli.run(["status", id])
        #expect(status.status == 0)
        #expect(status.stdout.contains("status       pending"))
        #expect(status.stdout.contains("amount       USD 125.50"))
        #expect(status.stdout.contains("2 × Widget at USD 50.00"))
        #expect(status.stdout.contains("meta       orderId=1042"))

        let json = try await cli.run(["status", id, "--json"])
        #expect(json.status == 0)
        let message = try json.json(PaymentMessage.self)
        #expect(message.id == id && message.payment.amount == 12_550 && message.payment.lineItems.count == 2)

        let cancel = try await cli.run(["cancel", id])
        #expect(cancel.status == 0)
        #expect(cancel.stdout == "Payment \(id) is cancelled.\n")
        let again = try await cli.run(["cancel", id, "--json"])
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: Quiq refused: "))
        struct ErrorBody: Decodable { struct Detail: Decodable { var code: String; var exitCode: Int32 }; var error: Detail }
        #expect(try again.json(ErrorBody.self).error.code == "not_active")

        let unknown = try await cli.run(["status", UUID().uuidString.lowercased()])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Quiq has no payment"))

        // The journal remembers what this console created, and its last state.
        let journal = try Journal(path: cli.journalPath)
        let entry = try await journal.payment(id: id)
        #expect(entry?.origin == .created)
        #expect(entry?.status == .cancelled)
        await sandbox.stop()
    }

    @Test("send --json prints one JSON document, and only that, on stdout")
    func sendJSON() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        let sent = try await cli.run(["send", "--json", "--description", "Tea", "--amount", "1,250", "--currency", "JPY", "--expires", "2h"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let message = try sent.json(PaymentMessage.self)
        #expect(message.payment.currency == "JPY" && message.payment.amount == 1_250)
        #expect(message.conversationId == sandbox.conversationId)
        #expect(message.shortUrl != nil && message.paymentUrl != nil)
        await sandbox.stop()
    }

    @Test("send with an active payment for the same amount in the conversation: exit 1 naming it, nothing sent; --allow-duplicate sends")
    func sendDuplicate() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        let existing = try await sandbox.createPayment(amount: 4_200, description: "Deposit")
        let refused = try await cli.run(["send", "--json", "--description", "Deposit again", "--amount", "42.00"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("This conversation already has an active payment for $42.00: “Deposit”, pending since "))
        #expect(refused.stderr.contains("(id \(existing.id)): resend its link with `quiqpay resend \(existing.id)`, or pass --allow-duplicate"))
        struct ErrorBody: Decodable { struct Detail: Decodable { var code: String }; var error: Detail }
        #expect(try refused.json(ErrorBody.self).error.code == "duplicate")
        let api = QuiqAPI(options: sandbox.options())
        #expect(try await api.payments(inConversation: sandbox.conversationId).count == 1)

        // Another amount, or another currency, is no duplicate; --allow-duplicate sends anyway.
        let other = try await cli.run(["send", "--description", "Deposit, the rest", "--amount", "42.01"])
        #expect(other.status == 0, "\(other.stderr)")
        let euros = try await cli.run(["send", "--description", "Deposit in euros", "--amount", "42.00", "--currency", "EUR"])
        #expect(euros.status == 0, "\(euros.stderr)")
        let anyway = try await cli.run(["send", "--description", "Deposit again", "--amount", "42.00", "--allow-duplicate"])
        #expect(anyway.status == 0, "\(anyway.stderr)")
        #expect(try await api.payments(inConversation: sandbox.conversationId).count == 4)

        // Cancelling the first leaves the one sent anyway: it is named now.
        #expect(try await cli.run(["cancel", existing.id]).status == 0)
        let again = try await cli.run(["send", "--description", "Deposit once more", "--amount", "42.00"])
        #expect(again.status == 1)
        #expect(!again.stderr.contains(existing.id) && again.stderr.contains("“Deposit again”"))
        await api.shutdown()
        await sandbox.stop()
    }

    @Test("bad input exits 2 with what to fix, before anything is sent")
    func badInput() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        let noAmount = try await cli.run(["send", "--description", "x"])
        #expect(noAmount.status == 2)
        #expect(noAmount.stderr.contains("Give --amount or at least one --item"))
        let decimals = try await cli.run(["send", "--description", "x", "--amount", "12.345"])
        #expect(decimals.status == 2)
        #expect(decimals.stderr.contains("USD allows at most 2 decimals"))
        let currency = try await cli.run(["send", "--description", "x", "--amount", "1", "--currency", "XYZ"])
        #expect(currency.status == 2)
        let item = try await cli.run(["send", "--description", "x", "--item", "Widget:two:5"])
        #expect(item.status == 2)
        let unknownFlag = try await cli.run(["status"])
        #expect(unknownFlag.status == 2)
        let conversation = try await cli.run(["send", "--description", "x", "--amount", "1", "--conversation", "not-a-uuid"])
        #expect(conversation.status == 2)
        #expect(conversation.stderr.contains("--conversation: Pick a conversation"))
        let list = try await withAPI(sandbox.options()) { api in try await api.payments(inConversation: sandbox.conversationId) }
        #expect(list.isEmpty)
        await sandbox.stop()
    }

    @Test("no sandbox running, or one that stopped, exits 3 with the way out")
    func unreachable() async throws {
        let cli = try QuiqPayProcess(sandbox: nil)
        let none = try await cli.run(["status", "x"])
        #expect(none.status == 3)
        #expect(none.stderr.contains("No sandbox is running"))
        #expect(none.stderr.contains("start one with `quiqpay sandbox` or set QUIQ_SITE"))

        let sandbox = try await TestSandbox.start()
        let stale = try QuiqPayProcess(sandbox: sandbox)
        await sandbox.stop()
        let gone = try await stale.run(["send", "--description", "x", "--amount", "1"])
        #expect(gone.status == 3)
        #expect(gone.stderr.contains("No sandbox is running at \(sandbox.baseURL)"))
        #expect(gone.stderr.contains("retrying in"))

        let closed = ClosedPort()
        let live = try await cli.run(["status", "x", "--site", "http://127.0.0.1:\(closed.port)"],
                                     extra: ["QUIQ_API_IDENTITY": "id", "QUIQ_API_SECRET": "secret-abc"])
        #expect(live.status == 3)
        #expect(live.stderr.contains("The platform is unreachable at http://127.0.0.1:"))
        #expect(!live.stderr.contains("secret-abc"))
        withExtendedLifetime(closed) {}  // refusing until here
    }

    @Test("a rejected key exits 1 naming the variables, never the secret; a readable secret file warns")
    func rejectedKey() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: nil)
        try cli.writeConfig("site: \(sandbox.baseURL)\napiIdentity: wrong\napiSecret: hunter2-secret\n", mode: 0o644)
        let result = try await cli.run(["status", UUID().uuidString.lowercased()])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Quiq rejected the API key: check QUIQ_API_IDENTITY / QUIQ_API_SECRET."))
        #expect(result.stderr.contains("chmod 600"))
        #expect(!(result.stderr + result.stdout).contains("hunter2"))
        await sandbox.stop()
    }

    @Test("watch prints one line per change until every payment is done; with no ids it watches the journal")
    func watch() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        let sent = try await cli.run(["send", "--json", "--description", "watched", "--amount", "10"])
        let payment = try sent.json(PaymentMessage.self)
        let token = payment.token ?? ""
        let other = try await sandbox.createPayment(description: "by id")

        // The journal knows the payment as pending, so watch reports the open whenever it starts
        // polling; the reply waits until watch has printed the open, else both could land in one poll.
        let fromJournal = try await cli.run(["watch", "--json", "--until-done"]) { stdoutSoFar in
            #expect(try await sandbox.clientRead(token: token) == 200)
            let deadline = ContinuousClock.now + .seconds(20)
            while !stdoutSoFar().contains(#""to":"opened""#), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(stdoutSoFar().contains(#""to":"opened""#), "watch never printed the open: \(stdoutSoFar())")
            #expect(try await sandbox.clientReply(token: token, outcome: .success) == 200)
        }
        #expect(fromJournal.status == 0, "\(fromJournal.stderr)")
        struct Line: Decodable { var type: String; var id: String; var from: String?; var to: String }
        let lines = try fromJournal.stdout.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        #expect(lines.map { "\($0.from ?? "-")>\($0.to)" } == ["pending>opened", "opened>paid"])
        #expect(lines.allSatisfy { $0.id == payment.id && $0.type == "change" })

        let byId = try await cli.run(["watch", other.id, "--until-done"]) { stdoutSoFar in
            // Cancel only once watch has shown the payment as pending.
            let deadline = ContinuousClock.now + .seconds(20)
            while !stdoutSoFar().contains("pending"), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            try await withAPI(sandbox.options()) { api in _ = try await api.cancelPayment(id: other.id) }
        }
        #expect(byId.status == 0)
        let text = byId.stdout.split(separator: "\n")
        #expect(text.count == 2)
        // "<at>  <id>  <from> -> <to>  (<note>)": the current status first, then the change.
        let first = try #require(text.first.map(String.init))
        let last = try #require(text.last.map(String.init))
        #expect(first == "\(other.createdAt)  \(other.id)  pending  (created by agent)")
        #expect(last.contains("  \(other.id)  pending -> cancelled"), "\(last)")
        await sandbox.stop()
    }

    @Test("every command documents itself with --help")
    func help() async throws {
        let cli = try QuiqPayProcess(sandbox: nil)
        for command in ["send", "status", "watch", "cancel", "bench watcher"] {
            let result = try await cli.run(command.split(separator: " ").map(String.init) + ["--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: quiqpay \(command)"))
            #expect(result.stdout.contains("--json"))
        }
    }
}
