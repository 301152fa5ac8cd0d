import AsyncHTTPClient
import Foundation
import Logging
import MerchantDemo
import NIOCore
import NIOHTTP1
import NIOSSL
import PaymentCore
import Sandbox
import Testing
import TestSupport

/// The reference Client against a platform that serves real TLS with a CA made in the test: it
/// reads the payment, fetches the JWKS and replies over HTTPS when it trusts that CA, and
/// refuses the platform (nothing read, nothing replied) when it trusts only the system's roots.
@Suite("The reference Client against a platform over HTTPS")
struct HTTPSPlatformTests {
    struct Platform {
        let authority: CertificateAuthority
        let sandbox: RunningSandbox
        let http: HTTPClient

        static func start() async throws -> Platform {
            let authority = try CertificateAuthority.make(commonName: "reference Client test CA")
            var quiet = Logger(label: "test.sandbox")
            quiet.logLevel = .critical
            let sandbox = try await RunningSandbox.start(SandboxConfiguration(logger: quiet, tls: .identity(try authority.issueServerCertificate())))
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(authority.certificatePEM.utf8)))
            return Platform(authority: authority, sandbox: sandbox,
                            http: HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls)))
        }

        func merchant(trustingCA: Bool) async throws -> RunningMerchant {
            let client = try #require(sandbox.credentials.client)
            var quiet = Logger(label: "test.merchant")
            quiet.logLevel = .critical
            var configuration = MerchantConfiguration(platformURL: sandbox.baseURL, clientIdentity: client.identity,
                                                      clientSecret: client.secret, paymentKey: sandbox.credentials.paymentKey, logger: quiet)
            if trustingCA { configuration.platformCAPEM = authority.certificatePEM }
            let merchant = try await RunningMerchant.start(configuration)
            try await sandbox.setCollectionURL(merchant.collectionURL)
            return merchant
        }

        /// The agent's calls, over TLS.
        func agent(_ method: HTTPMethod, _ path: String, body: Data? = nil) async throws -> Data {
            let agent = try #require(sandbox.credentials.agent)
            var request = HTTPClientRequest(url: sandbox.baseURL + path)
            request.method = method
            request.headers.add(name: "Authorization", value: "Basic " + Data("\(agent.identity):\(agent.secret)".utf8).base64EncodedString())
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
            }
            let response = try await http.execute(request, timeout: .seconds(10))
            return Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        }

        func createPayment(_ description: String) async throws -> PaymentMessage {
            let body = try JSONEncoder().encode(PaymentRequest(description: description, currency: "EUR", amount: 1999))
            let data = try await agent(.POST, "/api/v1/messaging/conversations/\(sandbox.credentials.conversationId)/payment-requests", body: body)
            return try JSONDecoder().decode(PaymentMessage.self, from: data)
        }

        func status(_ id: String) async throws -> PaymentStatus {
            try JSONDecoder().decode(PaymentMessage.self, from: try await agent(.GET, "/api/v1/payment-requests/\(id)")).status
        }

        func stop() async {
            try? await http.shutdown()  // every request through it has finished
            await sandbox.stop()
        }
    }

    @Test("trusting the platform's CA, a shopper pays through the Client and the payment is paid")
    func paysOverTLS() async throws {
        let platform = try await Platform.start()
        #expect(platform.sandbox.baseURL.hasPrefix("https://"))
        let merchant = try await platform.merchant(trustingCA: true)
        var payment = try await platform.createPayment("Paid over TLS")
        payment.shortUrl = nil  // the shopper opens the Client's page (plain HTTP on loopback) directly
        let shopper = Shopper()
        do {
            let outcome = try await shopper.pay(payment)
            #expect(outcome.html.contains("Payment received"), "\(outcome.html.prefix(400))")
            #expect(try await platform.status(payment.id) == .paid)
        } catch {
            Issue.record("\(error)")
        }
        await shopper.shutdown()
        await merchant.stop()
        await platform.stop()
    }

    @Test("trusting only the system's roots, the Client cannot read the payment: no page, and it stays pending")
    func refusesUnknownCA() async throws {
        let platform = try await Platform.start()
        let merchant = try await platform.merchant(trustingCA: false)
        do {
            let payment = try await platform.createPayment("Refused over TLS")
            let page = try await HTTPClient.shared.execute(HTTPClientRequest(url: try #require(payment.paymentUrl)), timeout: .seconds(30))
            let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
            #expect(page.status != .ok, "\(html.prefix(400))")
            #expect(!html.contains("€19.99"))
            #expect(try await platform.status(payment.id) == .pending)
        } catch {
            Issue.record("\(error)")
        }
        await merchant.stop()
        await platform.stop()
    }

    @Test("quiqpay merchant --sandbox-file on a --tls-self-signed sandbox trusts the CA sandbox.json names and registers over HTTPS")
    func merchantCommand() async throws {
        let binary = try #require(QuiqpayExecutable.path, "\(QuiqpayExecutable.notBuilt)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-tls-merchant-\(UUID().uuidString)").path
        let sandbox = SandboxProcess(dataDirectory: folder, environment: ["HOME": folder, "PATH": "/usr/bin:/bin"])
        // A collection URL of its own: no Client in the sandbox's process, the command's registers itself.
        try await sandbox.start(arguments: ["--tls-self-signed", "--collection-url", "http://127.0.0.1:9/pay"])
        defer { sandbox.stop() }
        let outputPath = folder + "/merchant.out"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let merchant = Process()
        merchant.executableURL = URL(fileURLWithPath: binary)
        merchant.arguments = ["merchant", "--port", "0", "--sandbox-file", sandbox.credentialsPath]
        merchant.environment = ["HOME": folder, "PATH": "/usr/bin:/bin"]
        merchant.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        _ = FileManager.default.createFile(atPath: outputPath + ".err", contents: nil)
        merchant.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath + ".err"))
        try merchant.run()
        defer { if merchant.isRunning { kill(merchant.processIdentifier, SIGKILL) } }
        // It prints its collection URL once registered (or its error, and exits).
        let deadline = Date().addingTimeInterval(20)
        var printed = ""
        while Date() < deadline {
            printed = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if printed.contains("\n") || !merchant.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let collectionURL = String(printed.split(separator: "\n").first ?? "")
        let errors = (try? String(contentsOfFile: outputPath + ".err", encoding: .utf8)) ?? ""
        #expect(collectionURL.hasPrefix("http://127.0.0.1:") && collectionURL.hasSuffix("/pay"), "\(printed) \(errors)")

        let ca = try String(contentsOfFile: sandbox.sandboxDirectory + "/sandbox-ca.pem", encoding: .utf8)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca.utf8)))
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
        do {
            struct Key: Decodable { var identity: String; var secret: String }
            struct File: Decodable { var baseUrl: String; var keys: [String: Key] }
            let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: sandbox.credentialsPath)))
            let admin = try #require(file.keys["admin"])
            var request = HTTPClientRequest(url: file.baseUrl + "/api/v1/payments/settings")
            request.headers.add(name: "Authorization", value: "Basic " + Data("\(admin.identity):\(admin.secret)".utf8).base64EncodedString())
            let response = try await http.execute(request, timeout: .seconds(10))
            let settings = try JSONDecoder().decode(PaymentSettings.self, from: Data(try await response.body.collect(upTo: 1 << 20).readableBytesView))
            #expect(settings.collectionUrl == collectionURL)
        } catch {
            Issue.record("\(error)")
        }
        try? await http.shutdown()  // its one request has finished
    }
}
