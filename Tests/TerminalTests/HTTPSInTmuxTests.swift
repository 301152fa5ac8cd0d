import AsyncHTTPClient
import Foundation
import Testing
import TestSupport

/// The console against a `quiqpay sandbox --tls-self-signed` in another process, as against a
/// tenant: `site` and `caFile` in config.yaml, real TLS on loopback.
// One tmux-driven suite at a time: every real-terminal suite is nested in ConsoleInTmuxTests (serialized).
extension ConsoleInTmuxTests {
@Suite("quiqpay over HTTPS in tmux", .serialized)
struct HTTPSInTmuxTests {
    /// A self-signed TLS sandbox in `HOME/tls`, and config.yaml pointing the console at it with
    /// its agent key (and its CA unless `trustingCA` is false).
    func tlsSandbox(_ session: TmuxSession, trustingCA: Bool) async throws -> (SandboxProcess, SandboxClientSide) {
        let data = session.home.appendingPathComponent("tls")
        let sandbox = SandboxProcess(dataDirectory: data.path, environment: SandboxProcess.environment(home: session.home))
        try await sandbox.start(arguments: ["--tls-self-signed"])
        let caFile = sandbox.sandboxDirectory + "/sandbox-ca.pem"
        let client = try SandboxClientSide(dataDirectory: data, caFile: caFile)
        #expect(client.file.baseUrl.hasPrefix("https://127.0.0.1:"))
        let agent = try #require(client.file.keys["agent"])
        let config = """
            site: \(client.file.baseUrl)
            apiIdentity: \(agent.identity)
            apiSecret: \(agent.secret)
            conversation: \(client.file.conversationId)
            """ + (trustingCA ? "\ncaFile: \(caFile)\n" : "\n")
        let directory = session.home.appendingPathComponent("config/quiqpay")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("config.yaml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return (sandbox, client)
    }

    @Test("over HTTPS with caFile: the SANDBOX banner, a payment sent, opened through the reference Client, paid")
    func payOverTLS() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        let (sandbox, client) = try await tlsSandbox(session, trustingCA: true)
        defer { sandbox.stop() }
        try session.startConsole()
        try await session.waitFor("the console connected to the TLS sandbox", timeout: 30) { lines in
            lines.first?.contains("SANDBOX") == true && lines.first?.contains("● connected") == true
        }
        try await ConsoleInTmuxTests().sendPayment(session, description: "Paid over TLS", amount: "12.50")
        let payment = try await client.activePayment(described: "Paid over TLS")
        let token = try #require(payment.token)
        #expect(payment.shortUrl?.hasPrefix("https://") == true)

        // Step 3 as a shopper starts it: the reference Client's page (plain HTTP on loopback) reads
        // the payment from the platform over TLS, trusting the CA its sandbox made.
        let page = try #require(payment.paymentUrl)
        let (status, _) = try await SandboxClientSide.execute(HTTPClientRequest(url: page), caFile: nil)
        #expect(status == 200)
        try await session.waitFor(text: "OPENED", timeout: 20)
        try await client.reply(token: token, outcome: "success")
        try await session.waitFor(text: "PAID", timeout: 20)
        try await session.waitFor(text: "Payment received", timeout: 20)
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("over HTTPS without the CA: the status line says the certificate is not trusted and what to set; no crash")
    func untrustedCA() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        let (sandbox, _) = try await tlsSandbox(session, trustingCA: false)
        defer { sandbox.stop() }
        try session.startConsole()
        try await session.waitFor("the certificate's reason on the status line", timeout: 30) { lines in
            lines.first?.contains("✕ certificate not signed by a trusted CA: set QUIQ_CA_FILE or caFile") == true
        }
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
}
