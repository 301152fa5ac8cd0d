import QuiqpayFiles
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import PaymentCore
import QuiqClient
import Sandbox

/// A real sandbox on a loopback port, with the helpers tests need around it.
struct TestSandbox {
    let running: RunningSandbox
    /// The CA (PEM file) the test's own calls trust when the sandbox serves `tls`.
    var caFile: String?

    static func start(dataDirectory: String? = nil, port: Int = 0, tls: SandboxTLS? = nil, caFile: String? = nil) async throws -> TestSandbox {
        var logger = Logger(label: "test.sandbox")
        logger.logLevel = .critical
        let running = try await RunningSandbox.start(SandboxConfiguration(port: port, dataDirectory: dataDirectory, logger: logger,
                                                                          tls: tls))
        return TestSandbox(running: running, caFile: caFile)
    }

    var credentials: SandboxDescriptor { running.credentials }
    var baseURL: String { running.baseURL }
    var conversationId: String { credentials.conversationId }
    var port: Int { Int(baseURL.split(separator: ":").last ?? "0") ?? 0 }

    func stop() async { await running.stop() }

    /// The sandbox as `sandbox.json` describes it.
    var descriptor: SandboxDescriptor {
        SandboxDescriptor(baseUrl: baseURL,
                          keys: credentials.keys.mapValues { SandboxDescriptor.Key(identity: $0.identity, secret: $0.secret) },
                          paymentKey: credentials.paymentKey, conversationId: conversationId,
                          collectionUrl: credentials.collectionUrl)
    }

    func options(baseURL: String? = nil, role: String = "agent", endpoints: EndpointTable = .standard,
                 retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05),
                 timeout: Double = 5) -> QuiqAPI.Options {
        let key = credentials.keys[role]
        return QuiqAPI.Options(baseURL: baseURL ?? self.baseURL,
                               credentials: Credentials(identity: key?.identity ?? "", secret: key?.secret ?? ""),
                               endpoints: endpoints, timeout: timeout, retry: retry,
                               trust: caFile.flatMap { try? CertificateTrust.caFile($0, source: "the test") } ?? .systemRoots)
    }

    /// A payment created through a throwaway client.
    func createPayment(amount: Int64 = 12_550, description: String = "Deposit for order 1042") async throws -> PaymentMessage {
        try await withAPI(options()) { api in
            try await api.createPayment(PaymentRequest(description: description, currency: "USD", amount: amount),
                                        conversationId: conversationId, idempotencyKey: UUID().uuidString.lowercased())
        }
    }

    // MARK: The Client side (steps 3 and 7), as a merchant back end would call it

    /// "Gets the custom interaction message": the first read moves pending to opened.
    func clientRead(token: String) async throws -> Int {
        try await clientCall(method: .GET, path: "/api/v1/messaging/custom-interactions/\(token)", body: nil)
    }

    /// "Replies to the custom interaction message".
    func clientReply(token: String, outcome: PaymentOutcome, transactionId: String = "tx-1") async throws -> Int {
        let body = try JSONEncoder().encode(PaymentReply(outcome: outcome, transactionId: transactionId))
        return try await clientCall(method: .POST, path: "/api/v1/messaging/custom-interactions/\(token)/reply", body: body,
                                    headers: [("X-Quiq-Payment-Key", credentials.paymentKey)])
    }

    private func clientCall(method: HTTPMethod, path: String, body: Data?, headers: [(String, String)] = []) async throws -> Int {
        try await call(method: method, path: path, body: body, headers: headers, role: "client").status
    }

    /// A read by the agent key, answered with its raw bytes (what a decoder is given).
    func agentGet(_ path: String) async throws -> (status: Int, body: [UInt8]) {
        let (status, body) = try await call(method: .GET, path: path, body: nil, role: "agent")
        return (status, Array(body.readableBytesView))
    }

    private func call(method: HTTPMethod, path: String, body: Data?, headers: [(String, String)] = [],
                      role: String) async throws -> (status: Int, body: ByteBuffer) {
        var configuration = HTTPClient.Configuration()
        if let caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            var request = HTTPClientRequest(url: baseURL + path)
            request.method = method
            let key = credentials.keys[role]
            let basic = Data("\(key?.identity ?? ""):\(key?.secret ?? "")".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(basic)")
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
            }
            let response = try await client.execute(request, timeout: .seconds(5))
            let answer = try await response.body.collect(upTo: 64 << 20)
            try await client.shutdown()
            return (Int(response.status.code), answer)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// Runs `body` with a client, and always closes it.
@discardableResult
func withAPI<T: Sendable>(_ options: QuiqAPI.Options, clock: PollClock = .system,
                          onRetry: (@Sendable (QuiqClientError) -> Void)? = nil,
                          _ body: (QuiqAPI) async throws -> T) async throws -> T {
    let api = QuiqAPI(options: options, clock: clock, onRetry: onRetry)
    do {
        let result = try await body(api)
        await api.shutdown()
        return result
    } catch {
        await api.shutdown()
        throw error
    }
}

/// A fresh directory under the system's temporary one.
func temporaryDirectory(_ name: String = "quiqpay-test") -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Collects a stream's events in the background so a test can wait for one.
actor EventLog {
    private(set) var events: [WatchEvent] = []

    func append(_ event: WatchEvent) { events.append(event) }

    var changes: [StatusChange] {
        events.compactMap { if case .changed(let change) = $0 { change } else { nil } }
    }

    var connections: [ConnectionState] {
        events.compactMap { if case .connection(let state) = $0 { state } else { nil } }
    }

    /// Waits (polling every 10 ms) until `condition` holds, or `timeout` seconds passed.
    func wait(timeout: Double = 10, until condition: @Sendable ([WatchEvent]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            if condition(events) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(events)
    }
}

extension Array where Element == WatchEvent {
    func changes(of id: String) -> [StatusChange] {
        compactMap { if case .changed(let change) = $0, change.id == id { change } else { nil } }
    }
}
