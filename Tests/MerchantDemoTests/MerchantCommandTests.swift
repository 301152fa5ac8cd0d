import QuiqpayFiles
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PaymentCore
import Sandbox
import Testing
import TestSupport
import MerchantDemo

/// `quiqpay merchant --sandbox-file` as a real subprocess: it prints its collection URL, registers
/// it on the sandbox named by the file, serves the page, and stops cleanly on SIGTERM.
@Suite("quiqpay merchant command")
struct MerchantCommandTests {
    @Test("--sandbox-file registers the collection URL and serves the page")
    func sandboxFile() async throws {
        let binary = try #require(QuiqpayExecutable.path, "\(QuiqpayExecutable.notBuilt)")
        var quiet = Logger(label: "test.sandbox")
        quiet.logLevel = .critical
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, logger: quiet))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-merchant-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("sandbox.json")
        try JSONEncoder().encode(sandbox.credentials).write(to: file)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["merchant", "--port", "0", "--sandbox-file", file.path]
        let output = try OutputFile()
        let outputHandle = try output.handle()
        process.standardOutput = outputHandle
        process.standardError = FileHandle.nullDevice
        try process.run()
        try outputHandle.close()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: directory)
        }
        let collectionURL = try #require(try await output.waitForLines(1, while: { process.isRunning }).first,
                                         "merchant printed nothing").trimmingCharacters(in: .whitespaces)
        #expect(collectionURL.hasPrefix("http://127.0.0.1:"))
        #expect(collectionURL.hasSuffix("/pay"))

        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let admin = try #require(sandbox.credentials.admin)
            let settings = try await Self.get(http, sandbox.baseURL + "/api/v1/payments/settings", key: admin)
            let decoded = try JSONDecoder().decode(PaymentSettings.self, from: Data(settings.utf8))
            #expect(decoded.collectionUrl == collectionURL)

            let agent = try #require(sandbox.credentials.agent)
            var create = HTTPClientRequest(url: sandbox.baseURL + "/api/v1/messaging/conversations/\(sandbox.credentials.conversationId)/payment-requests")
            create.method = .POST
            create.headers.add(name: "Authorization", value: Self.basic(agent))
            create.headers.add(name: "Content-Type", value: "application/json")
            create.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(PaymentRequest(description: "Command check", currency: "JPY", amount: 4200))))
            let created = try await http.execute(create, timeout: .seconds(10))
            let body = try await created.body.collect(upTo: 1 << 20)
            let payment = try JSONDecoder().decode(PaymentMessage.self, from: Data(body.readableBytesView))
            #expect(payment.paymentUrl?.hasPrefix(collectionURL + "?token=") == true)
            let page = try await http.execute(HTTPClientRequest(url: try #require(payment.paymentUrl)), timeout: .seconds(10))
            #expect(page.status == .ok)
            let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
            #expect(html.contains("¥4,200"))
        } catch {
            try? await http.shutdown()
            await sandbox.stop()
            throw error
        }
        try? await http.shutdown()

        kill(process.processIdentifier, SIGTERM)
        let exited = await Self.waitForExit(process, within: .seconds(10))
        #expect(exited)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        await sandbox.stop()
    }

    @Test("quiqpay processor prints its address and publishable key and writes the secret only to a 0600 file; merchant --processor-file pays through it")
    func processorCommand() async throws {
        let binary = try #require(QuiqpayExecutable.path, "\(QuiqpayExecutable.notBuilt)")
        var quiet = Logger(label: "test.sandbox")
        quiet.logLevel = .critical
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, logger: quiet))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-processor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sandboxFile = directory.appendingPathComponent("sandbox.json")
        try JSONEncoder().encode(sandbox.credentials).write(to: sandboxFile)
        let descriptorPath = directory.appendingPathComponent("keys/processor.json").path

        let processor = Process()
        processor.executableURL = URL(fileURLWithPath: binary)
        processor.arguments = ["processor", "--port", "0", "--descriptor", descriptorPath]
        let processorOutput = try OutputFile()
        let processorHandle = try processorOutput.handle()
        processor.standardOutput = processorHandle
        processor.standardError = FileHandle.nullDevice
        try processor.run()
        try processorHandle.close()
        let merchant = Process()
        defer {
            for process in [processor, merchant] where process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: directory)
        }
        let printed = try await processorOutput.waitForLines(3, while: { processor.isRunning })
        try #require(printed.count == 3, "processor printed: \(printed)")
        let address = try #require(printed[0].firstMatch(of: /^Processor running at (http:\/\/127\.0\.0\.1:\d+)$/)?.1)
        #expect(printed[1].hasPrefix("Publishable key: pk_test_"))
        #expect(printed[2] == "Secret key and address: \(descriptorPath)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: descriptorPath)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let descriptor = try ProcessorDescriptor.read(from: descriptorPath)
        #expect(descriptor.baseUrl == String(address))
        #expect(descriptor.secretKey.hasPrefix("sk_test_"))
        #expect(!printed.joined().contains(descriptor.secretKey))

        merchant.executableURL = URL(fileURLWithPath: binary)
        merchant.arguments = ["merchant", "--port", "0", "--sandbox-file", sandboxFile.path, "--processor-file", descriptorPath]
        let merchantOutput = try OutputFile()
        let merchantHandle = try merchantOutput.handle()
        merchant.standardOutput = merchantHandle
        merchant.standardError = FileHandle.nullDevice
        try merchant.run()
        try merchantHandle.close()
        let merchantLines = try await merchantOutput.waitForLines(2, while: { merchant.isRunning })
        try #require(merchantLines.count == 2, "merchant printed: \(merchantLines)")
        #expect(merchantLines[1] == "Card processor at \(address)", "the merchant uses the processor of the file")

        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let shopper = Shopper(card: "4242 4242 4242 4242")
        do {
            let agent = try #require(sandbox.credentials.agent)
            var create = HTTPClientRequest(url: sandbox.baseURL + "/api/v1/messaging/conversations/\(sandbox.credentials.conversationId)/payment-requests")
            create.method = .POST
            create.headers.add(name: "Authorization", value: Self.basic(agent))
            create.headers.add(name: "Content-Type", value: "application/json")
            create.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(PaymentRequest(description: "Processor check", currency: "EUR", amount: 1999))))
            let created = try await http.execute(create, timeout: .seconds(10))
            let payment = try JSONDecoder().decode(PaymentMessage.self, from: Data(try await created.body.collect(upTo: 1 << 20).readableBytesView))
            let outcome = try await shopper.pay(payment)
            #expect(outcome.html.contains("Payment received"))
            #expect(outcome.html.contains("€19.99"))
            let status = try await Self.get(http, sandbox.baseURL + "/api/v1/payment-requests/\(payment.id)", key: agent)
            #expect(try JSONDecoder().decode(PaymentMessage.self, from: Data(status.utf8)).status == .paid)
        } catch {
            await shopper.shutdown()
            try? await http.shutdown()
            await sandbox.stop()
            throw error
        }
        await shopper.shutdown()
        try? await http.shutdown()
        for process in [merchant, processor] {
            kill(process.processIdentifier, SIGTERM)
            #expect(await Self.waitForExit(process, within: .seconds(10)))
            #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        }
        await sandbox.stop()
    }

    private static func basic(_ key: SandboxDescriptor.Key) -> String {
        "Basic " + Data("\(key.identity):\(key.secret)".utf8).base64EncodedString()
    }

    private static func get(_ http: HTTPClient, _ url: String, key: SandboxDescriptor.Key) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: basic(key))
        let response = try await http.execute(request, timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 1 << 20))
    }

    private static func waitForExit(_ process: Process, within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        return !process.isRunning
    }
}
