import AsyncHTTPClient
import Foundation
import Logging
import MerchantDemo
import NIOCore
import PaymentCore
import QuiqpayFiles
import Sandbox
import Testing
import TestSupport

/// `quiqpay merchant` takes its secrets from a file, standard input or the environment, so they
/// need not be on the command line; a secret given as a flag still works but is warned about.
/// Each path is checked end to end: the page it serves reads a payment with the secret it got.
@Suite("quiqpay merchant secrets")
struct MerchantSecretInputTests {
    /// The parent's environment without any secret, so only what a test gives reaches the child.
    static var cleanEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["QUIQ_API_IDENTITY", "QUIQ_API_SECRET", "QUIQPAY_PAYMENT_KEY", "QUIQ_SITE"] { environment[name] = nil }
        return environment
    }

    /// A merchant process against an in-process sandbox, and where its output goes.
    struct Run {
        let process = Process()
        let folder: URL
        var stdout: URL { folder.appendingPathComponent("stdout") }
        var stderr: URL { folder.appendingPathComponent("stderr") }
        func text(_ file: URL) -> String { (try? String(contentsOf: file, encoding: .utf8)) ?? "" }
    }

    /// Starts `quiqpay merchant` with `arguments` (plus `--site`, `--identity`; the closure gets a
    /// scratch folder for files and the sandbox's credentials), `environment` and `stdin`;
    /// registers its collection URL; sends a payment of ¥4,200 and returns the page the merchant
    /// served for it, with what it printed on stderr.
    static func pageServed(arguments: (URL, SandboxDescriptor) throws -> [String],
                           environment: (SandboxDescriptor) -> [String: String] = { _ in [:] },
                           stdin: (SandboxDescriptor) -> String? = { _ in nil }) async throws -> (page: String, stderr: String) {
        let binary = try #require(QuiqpayExecutable.path, "\(QuiqpayExecutable.notBuilt)")
        var quiet = Logger(label: "test.sandbox")
        quiet.logLevel = .critical
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, logger: quiet))
        let credentials = sandbox.credentials
        let run = Run(folder: FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-secrets-\(UUID().uuidString.prefix(8))"))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try FileManager.default.createDirectory(at: run.folder, withIntermediateDirectories: true)
            for file in [run.stdout, run.stderr] { try #require(FileManager.default.createFile(atPath: file.path, contents: nil)) }
            let client = try #require(credentials.client)
            run.process.executableURL = URL(fileURLWithPath: binary)
            run.process.arguments = ["merchant", "--port", "0", "--site", sandbox.baseURL, "--identity", client.identity] + (try arguments(run.folder, credentials))
            run.process.environment = cleanEnvironment.merging(environment(credentials)) { $1 }
            let input = Pipe()
            run.process.standardInput = input
            run.process.standardOutput = try FileHandle(forWritingTo: run.stdout)
            run.process.standardError = try FileHandle(forWritingTo: run.stderr)
            try run.process.run()
            if let stdin = stdin(credentials) { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try input.fileHandleForWriting.close()

            let deadline = ContinuousClock.now + .seconds(30)
            while !run.text(run.stdout).contains("\n"), run.process.isRunning, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let collectionURL = String(run.text(run.stdout).split(separator: "\n").first ?? "")
            try #require(collectionURL.hasSuffix("/pay"), "the merchant printed no collection URL: \(run.text(run.stdout)) \(run.text(run.stderr))")
            let admin = try #require(credentials.admin)
            try await CollectionURLRegistration.register(collectionURL: collectionURL, platformURL: sandbox.baseURL,
                                                         adminIdentity: admin.identity, adminSecret: admin.secret)
            let agent = try #require(credentials.agent)
            var create = HTTPClientRequest(url: sandbox.baseURL + "/api/v1/messaging/conversations/\(credentials.conversationId)/payment-requests")
            create.method = .POST
            create.headers.add(name: "Authorization", value: "Basic " + Data("\(agent.identity):\(agent.secret)".utf8).base64EncodedString())
            create.headers.add(name: "Content-Type", value: "application/json")
            create.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(PaymentRequest(description: "Secret check", currency: "JPY", amount: 4200))))
            let created = try await http.execute(create, timeout: .seconds(10))
            let payment = try JSONDecoder().decode(PaymentMessage.self, from: Data(try await created.body.collect(upTo: 1 << 20).readableBytesView))
            let page = try await http.execute(HTTPClientRequest(url: try #require(payment.paymentUrl)), timeout: .seconds(10))
            let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
            let stderr = run.text(run.stderr)
            try? await http.shutdown()  // the answer is in hand; a failed shutdown changes nothing it says
            kill(run.process.processIdentifier, SIGTERM)
            let exitDeadline = ContinuousClock.now + .seconds(10)
            while run.process.isRunning, ContinuousClock.now < exitDeadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(!run.process.isRunning && run.process.terminationStatus == 0, "merchant did not stop cleanly: \(stderr)")
            await sandbox.stop()
            try? FileManager.default.removeItem(at: run.folder)  // a temporary folder: nothing depends on it
            return (html, stderr)
        } catch {
            if run.process.isRunning { kill(run.process.processIdentifier, SIGKILL) }
            try? await http.shutdown()  // already failing; the error below is what matters
            await sandbox.stop()
            try? FileManager.default.removeItem(at: run.folder)  // a temporary folder: nothing depends on it
            throw error
        }
    }

    static let warning = "is visible to every user in `ps`"

    @Test("--secret-file FILE and --payment-key-file - (standard input): the page reads the payment, and nothing is warned about")
    func secretFileAndStandardInput() async throws {
        let (page, stderr) = try await Self.pageServed(arguments: { folder, credentials in
            let file = folder.appendingPathComponent("secret.txt")
            try ((credentials.client?.secret ?? "") + "\n").write(to: file, atomically: true, encoding: .utf8)
            return ["--secret-file", file.path, "--payment-key-file", "-"]
        }, stdin: { $0.paymentKey + "\n" })
        #expect(page.contains("¥4,200"), "\(page)")
        #expect(!stderr.contains("warning"), "\(stderr)")
    }

    @Test("--secret-file - (standard input) and --payment-key-file FILE: the page reads the payment")
    func standardInputSecret() async throws {
        let (page, stderr) = try await Self.pageServed(arguments: { folder, credentials in
            let file = folder.appendingPathComponent("payment-key.txt")
            try credentials.paymentKey.write(to: file, atomically: true, encoding: .utf8)
            return ["--secret-file", "-", "--payment-key-file", file.path]
        }, stdin: { $0.client?.secret })
        #expect(page.contains("¥4,200"), "\(page)")
        #expect(!stderr.contains("warning"), "\(stderr)")
    }

    @Test("QUIQ_API_SECRET and QUIQPAY_PAYMENT_KEY: the page reads the payment, and nothing is warned about")
    func environmentVariables() async throws {
        let (page, stderr) = try await Self.pageServed(arguments: { _, _ in [] }, environment: { credentials in
            ["QUIQ_API_SECRET": credentials.client?.secret ?? "", "QUIQPAY_PAYMENT_KEY": credentials.paymentKey]
        })
        #expect(page.contains("¥4,200"), "\(page)")
        #expect(!stderr.contains("warning"), "\(stderr)")
    }

    @Test("--secret and --payment-key still work, with a warning on stderr for each that does not repeat the secret")
    func flagsWarn() async throws {
        var secret = ""
        let (page, stderr) = try await Self.pageServed(arguments: { _, credentials in
            secret = credentials.client?.secret ?? ""
            return ["--secret", secret, "--payment-key", credentials.paymentKey]
        })
        #expect(page.contains("¥4,200"), "\(page)")
        #expect(stderr.contains("warning: --secret \(Self.warning)"), "\(stderr)")
        #expect(stderr.contains("warning: --payment-key \(Self.warning)"), "\(stderr)")
        #expect(!secret.isEmpty && !stderr.contains(secret))
    }

    @Test("a wrong secret in --secret-file is the one used: the page cannot read the payment")
    func wrongSecretFileIsUsed() async throws {
        let (page, _) = try await Self.pageServed(arguments: { folder, _ in
            let file = folder.appendingPathComponent("secret.txt")
            try "not-the-secret\n".write(to: file, atomically: true, encoding: .utf8)
            return ["--secret-file", file.path]
        }, environment: { ["QUIQPAY_PAYMENT_KEY": $0.paymentKey] })
        #expect(!page.contains("¥4,200"), "\(page)")
    }

    @Test("bad secret input is refused with exit 2 and a sentence saying what to do", arguments: [
        (["--secret-file", "/nonexistent/secret.txt", "--payment-key-file", "/dev/null"], "Cannot read --secret-file /nonexistent/secret.txt"),
        (["--secret", "s", "--secret-file", "/dev/null", "--payment-key-file", "/dev/null"], "Give --secret or --secret-file, not both"),
        (["--secret-file", "-", "--payment-key-file", "-"], "Only one of --secret-file and --payment-key-file can read standard input"),
        (["--secret-file", "/dev/null", "--payment-key-file", "/dev/null"], "--secret-file /dev/null is empty"),
        (["--payment-key-file", "-"], "Give the client API key with --identity"),
    ])
    func badInput(arguments: [String], message: String) async throws {
        let binary = try #require(QuiqpayExecutable.path, "\(QuiqpayExecutable.notBuilt)")
        // Standard input is /dev/null here: `-` reads nothing.
        let result = try await ChildProcess.run(binary, ["merchant", "--site", "http://127.0.0.1:9", "--identity", "id"] + arguments,
                                                environment: Self.cleanEnvironment, timeout: .seconds(30))
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.contains(message), "\(result.output)")
    }
}
