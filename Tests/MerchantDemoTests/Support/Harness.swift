import QuiqpayFiles
import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PaymentCore
import Sandbox
import Synchronization
import Testing
import TestSupport
@testable import MerchantDemo

/// A clock shared by the sandbox and the merchant that a test can move forward.
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}

/// One HTTP answer as the browser (or the agent) saw it.
struct Answer: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: String

    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// The real sandbox, the real merchant and its real processor on loopback ports, and an HTTP
/// client that plays the browser (no redirects followed automatically, so each hop can be
/// checked) and the agent.
final class Harness: Sendable {
    let sandbox: RunningSandbox
    let merchant: RunningMerchant
    /// The merchant's processor, for its charge counts: in its process, or started apart
    /// (`processorSecretKey`), then stopped by the harness.
    let processor: RunningProcessor
    private let processorStartedApart: Bool
    let logs: LogCapture
    /// Every request the Client's server received: method, path with query, and body.
    let clientRequests: RequestLog
    /// The sandbox's token-signing key, when the harness was asked to keep it (`signingKey: true`).
    let signingKey: P256.Signing.PrivateKey?
    let clock: TestClock
    let http: HTTPClient
    let credentials: SandboxDescriptor
    /// Every response the browser received, to check that no secret ever reached one.
    private let transcript = Mutex<[String]>([])

    private init(sandbox: RunningSandbox, merchant: RunningMerchant, processor: RunningProcessor, processorStartedApart: Bool,
                 logs: LogCapture, clientRequests: RequestLog, signingKey: P256.Signing.PrivateKey?, clock: TestClock, http: HTTPClient) {
        self.sandbox = sandbox
        self.merchant = merchant
        self.processor = processor
        self.processorStartedApart = processorStartedApart
        self.logs = logs
        self.clientRequests = clientRequests
        self.signingKey = signingKey
        self.clock = clock
        self.http = http
        self.credentials = sandbox.credentials
    }

    /// Starts both, registers the merchant's collection URL, runs `body`, and stops both.
    /// `gate` holds every charge at the processor until the test opens it; `signingKey` keeps the
    /// sandbox's signing key on disk so a test can sign tokens the platform's way;
    /// `processorSecretKey` starts the processor apart and gives the Client that secret key instead of its own.
    static func with<T>(processorDelay: Duration = .zero, gate: ChargeGate? = nil, signingKey keepKey: Bool = false,
                        processorSecretKey: String? = nil, _ body: (Harness) async throws -> T) async throws -> T {
        let clock = TestClock()
        let logs = LogCapture()
        var sandboxLogger = Logger(label: "test.sandbox")
        sandboxLogger.logLevel = .critical
        let directory = keepKey ? FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-harness-\(UUID().uuidString)").path : nil
        defer { if let directory { try? FileManager.default.removeItem(atPath: directory) } }
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, dataDirectory: directory, logger: sandboxLogger,
                                                                           clock: SandboxClock { clock.now() }))
        let credentials = sandbox.credentials
        guard let client = credentials.client else {
            await sandbox.stop()
            throw HarnessError("The sandbox has no client key.")
        }
        var signingKey: P256.Signing.PrivateKey?
        if let directory {
            do {
                signingKey = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: directory + "/signing-key.pem", encoding: .utf8))
            } catch {
                await sandbox.stop()
                throw error
            }
        }
        let received = RequestLog()
        var configuration = MerchantConfiguration(platformURL: sandbox.baseURL, clientIdentity: client.identity,
                                                  clientSecret: client.secret, paymentKey: credentials.paymentKey,
                                                  processorDelay: processorDelay, logger: logs.logger(label: "test.merchant"))
        configuration.now = { clock.now() }
        configuration.processorGate = gate
        configuration.requestObserver = { method, uri, body in received.append("\(method) \(uri)\n\(body)") }
        var apart: RunningProcessor?
        if let processorSecretKey {
            var processorConfiguration = ProcessorConfiguration(logger: logs.logger(label: "test.processor"))
            processorConfiguration.now = { clock.now() }
            do {
                let started = try await RunningProcessor.start(processorConfiguration)
                apart = started
                configuration.processor = ProcessorDescriptor(baseUrl: started.baseURL, publishableKey: started.descriptor.publishableKey,
                                                              secretKey: processorSecretKey)
            } catch {
                await sandbox.stop()
                throw error
            }
        }
        let merchant: RunningMerchant
        do {
            merchant = try await RunningMerchant.start(configuration)
            try await sandbox.setCollectionURL(merchant.collectionURL)
        } catch {
            await apart?.stop()
            await sandbox.stop()
            throw error
        }
        guard let processor = apart ?? merchant.processor else {
            await merchant.stop()
            await sandbox.stop()
            throw HarnessError("The merchant started no processor of its own.")
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton,
                              configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        let harness = Harness(sandbox: sandbox, merchant: merchant, processor: processor, processorStartedApart: apart != nil,
                              logs: logs, clientRequests: received,
                              signingKey: signingKey, clock: clock, http: http)
        do {
            let result = try await body(harness)
            await harness.shutdown()
            return result
        } catch {
            await harness.shutdown()
            throw error
        }
    }

    private func shutdown() async {
        await merchant.stop()
        if processorStartedApart { await processor.stop() }
        await sandbox.stop()
        try? await http.shutdown()
    }

    var allResponses: [String] { transcript.withLock { $0 } }

    // MARK: - The agent

    /// Creates a payment in the demo conversation as the agent would.
    func createPayment(_ request: PaymentRequest) async throws -> PaymentMessage {
        let body = try JSONEncoder().encode(request)
        let answer = try await api(.POST, "/api/v1/messaging/conversations/\(credentials.conversationId)/payment-requests",
                                   role: "agent", body: body)
        guard answer.status == 201 else { throw HarnessError("Creating a payment answered \(answer.status): \(answer.body)") }
        return try JSONDecoder().decode(PaymentMessage.self, from: Data(answer.body.utf8))
    }

    func createPayment(description: String = "Deposit for order 1042", amount: Int64? = nil,
                       lineItems: [LineItem]? = [LineItem(name: "Widget", quantity: 2, unitAmount: 5000, sku: "W-1"),
                                                 LineItem(name: "Gift wrap", quantity: 1, unitAmount: 2550)],
                       metadata: [String: String]? = ["orderId": "1042"], key: String? = nil, currency: String = "USD") async throws -> PaymentMessage {
        try await createPayment(PaymentRequest(description: description, currency: currency, amount: amount,
                                               lineItems: lineItems, metadata: metadata, key: key))
    }

    /// The payment as the agent side sees it now.
    func platformPayment(_ id: String) async throws -> PaymentMessage {
        let answer = try await api(.GET, "/api/v1/payment-requests/\(id)", role: "agent")
        guard answer.status == 200 else { throw HarnessError("Reading payment answered \(answer.status)") }
        return try JSONDecoder().decode(PaymentMessage.self, from: Data(answer.body.utf8))
    }

    func cancel(_ id: String) async throws {
        let answer = try await api(.POST, "/api/v1/payment-requests/\(id)/cancel", role: "agent")
        guard answer.status == 200 else { throw HarnessError("Cancelling answered \(answer.status): \(answer.body)") }
    }

    /// Replies to the platform directly as the Client would (another instance of it, say).
    func replyDirectly(token: String, _ reply: PaymentReply) async throws -> Answer {
        try await api(.POST, "/api/v1/messaging/custom-interactions/\(token)/reply", role: "client",
                      body: try JSONEncoder().encode(reply), extra: [("X-Quiq-Payment-Key", credentials.paymentKey)])
    }

    func api(_ method: HTTPMethod, _ path: String, role: String, body: Data? = nil, extra: [(String, String)] = []) async throws -> Answer {
        guard let key = credentials.keys[role] else { throw HarnessError("No \(role) key") }
        var request = HTTPClientRequest(url: sandbox.baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(key.identity):\(key.secret)".utf8).base64EncodedString())
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return try await execute(request, record: false)
    }

    // MARK: - The browser

    func get(_ url: String) async throws -> Answer {
        try await execute(HTTPClientRequest(url: absolute(url)))
    }

    /// Posts a form as a browser does: `application/x-www-form-urlencoded`.
    func post(_ url: String, form: [(String, String)]) async throws -> Answer {
        var request = HTTPClientRequest(url: absolute(url))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: Harness.formEncode(form)))
        return try await execute(request)
    }

    /// Follows a 303 to the page it names.
    func follow(_ answer: Answer) async throws -> Answer {
        guard (300..<400).contains(answer.status), let location = answer.header("Location") else {
            throw HarnessError("Expected a redirect, got \(answer.status)")
        }
        return try await get(location)
    }

    func absolute(_ url: String) -> String { url.hasPrefix("/") ? merchant.baseURL + url : url }

    private func execute(_ request: HTTPClientRequest, record: Bool = true) async throws -> Answer {
        let response = try await http.execute(request, timeout: .seconds(15))
        let buffer = try await response.body.collect(upTo: 4 << 20)
        let answer = Answer(status: Int(response.status.code), headers: response.headers, body: String(buffer: buffer))
        if record {
            let headers = response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            transcript.withLock { $0.append(headers + "\n\n" + answer.body) }
        }
        return answer
    }

    static func formEncode(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }

    // MARK: - Paying

    /// Opens the payment page and presses its button (with `extra` fields such as a tip);
    /// returns the answer, a redirect to the processor's card page when all is well.
    func toCardPage(_ payment: PaymentMessage, extra: [(String, String)] = []) async throws -> Answer {
        guard let url = payment.paymentUrl else { throw HarnessError("The payment has no paymentUrl") }
        let page = try await get(url)
        guard page.status == 200 else { throw HarnessError("The page answered \(page.status): \(page.body)") }
        let form = try PageForm(html: page.body)
        return try await post(form.action, form: form.hidden + extra)
    }

    /// Types `card` into the processor's card page at `cardPage` (the page's answer) and submits
    /// it; returns the processor's answer, a redirect back to the Client when the card is valid.
    func enterCard(on cardPage: Answer, card: String, expiry: String = "12/34", cvc: String = "123",
                   name: String = "Ada Lovelace") async throws -> Answer {
        guard cardPage.status == 200 else { throw HarnessError("The card page answered \(cardPage.status): \(cardPage.body)") }
        let form = try PageForm(html: cardPage.body)
        return try await post(processor.baseURL + form.action, form: form.hidden + [("name", name), ("number", card), ("expiry", expiry), ("cvc", cvc)])
    }

    /// The whole path: page, button, processor's card page, card, back to the Client. Returns
    /// the Client's answer to the return (a redirect to the result page).
    func pay(_ payment: PaymentMessage, card: String, expiry: String = "12/34", cvc: String = "123",
             name: String = "Ada Lovelace", extra: [(String, String)] = []) async throws -> Answer {
        let cardPage = try await follow(try await toCardPage(payment, extra: extra))
        let entered = try await enterCard(on: cardPage, card: card, expiry: expiry, cvc: cvc, name: name)
        return try await follow(entered)
    }

    /// Events the merchant emitted for a payment, read until `count` arrive or a second passes.
    static func collect(_ stream: AsyncStream<MerchantEvent>, until predicate: @escaping @Sendable ([MerchantEvent]) -> Bool) async -> [MerchantEvent] {
        await withTaskGroup(of: [MerchantEvent]?.self) { group in
            group.addTask {
                var seen: [MerchantEvent] = []
                for await event in stream {
                    seen.append(event)
                    if predicate(seen) { break }
                }
                return seen
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

