import QuiqpayFiles
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PaymentCore
import Synchronization
@testable import Sandbox

/// One HTTP client for every test: real sockets, no redirects followed (302 is asserted).
let testHTTPClient = HTTPClient(eventLoopGroupProvider: .singleton,
                                configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>
    private let readCount = Atomic<Int>(0)

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }
    func advance(seconds: Double) { current.withLock { $0 += seconds } }
    /// How often the sandbox read this clock: with no request in flight, only the sweeper reads it.
    var reads: Int { readCount.load(ordering: .sequentiallyConsistent) }
    var sandboxClock: SandboxClock {
        SandboxClock {
            self.readCount.add(1, ordering: .sequentiallyConsistent)
            return self.now
        }
    }
}

/// What came back from the sandbox.
struct Reply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: body) }
    var error: APIErrorBody.Detail? { (try? decode(APIErrorBody.self))?.error }
    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A running sandbox plus helpers to call it the way a Client or the console would.
struct Harness: Sendable {
    let sandbox: RunningSandbox
    let clock: ManualClock

    var credentials: SandboxDescriptor { sandbox.credentials }
    var conversationId: String { credentials.conversationId }

    static let quietLogger: Logger = {
        var logger = Logger(label: "sandbox-tests")
        logger.logLevel = .critical
        return logger
    }()

    static func start(dataDirectory: String? = nil, sweepInterval: Duration = .seconds(3600),
                      clock: ManualClock = ManualClock(), logger: Logger = quietLogger) async throws -> Harness {
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(
            dataDirectory: dataDirectory, sweepInterval: sweepInterval, logger: logger, clock: clock.sandboxClock))
        return Harness(sandbox: sandbox, clock: clock)
    }

    func basic(_ role: APIKeyRole) -> String {
        let key = credentials.keys[role.rawValue]
        return "Basic " + Data("\(key?.identity ?? ""):\(key?.secret ?? "")".utf8).base64EncodedString()
    }

    func send(_ method: HTTPMethod, _ path: String, as role: APIKeyRole? = nil, authorization: String? = nil,
              json: String? = nil, body: Data? = nil, headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: sandbox.baseURL + path)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) } else if let role {
            request.headers.add(name: "Authorization", value: basic(role))
        }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        } else if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        // The deadline covers the wait for one of the client's connections too: 50 concurrent
        // replies queue for them, each a durable write, and on a loaded machine 20 s ran out.
        let response = try await testHTTPClient.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: 4 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(collected.readableBytesView))
    }

    static let depositJSON = #"{"description":"Deposit for order 1042","currency":"USD","lineItems":[{"name":"Widget","quantity":2,"unitAmount":5000,"sku":"W-1"},{"name":"Shipping","quantity":1,"unitAmount":2550}],"metadata":{"orderId":"1042"},"key":"order-1042"}"#

    /// Creates a payment as the agent and returns it (fails the test on anything but 201).
    func create(_ json: String = Harness.depositJSON, conversation: String? = nil, headers: [(String, String)] = []) async throws -> PaymentMessage {
        let reply = try await send(.POST, "/api/v1/messaging/conversations/\(conversation ?? conversationId)/payment-requests",
                                   as: .agent, json: json, headers: headers)
        guard reply.status == 201 else { throw HarnessError.unexpected(reply.status, reply.text) }
        return try reply.decode(PaymentMessage.self)
    }

    func clientRead(_ token: String, headers: [(String, String)] = []) async throws -> Reply {
        try await send(.GET, "/api/v1/messaging/custom-interactions/\(token)", as: .client, headers: headers)
    }

    func reply(_ token: String, _ json: String, paymentKey: String? = nil) async throws -> Reply {
        try await send(.POST, "/api/v1/messaging/custom-interactions/\(token)/reply", as: .client, json: json,
                       headers: [("X-Quiq-Payment-Key", paymentKey ?? credentials.paymentKey)])
    }

    func transcript(_ conversation: String? = nil) async throws -> Conversation {
        try await send(.GET, "/api/v1/messaging/conversations/\(conversation ?? conversationId)", as: .agent).decode(Conversation.self)
    }

    func stop() async { await sandbox.stop() }
}

enum HarnessError: Error, CustomStringConvertible {
    case unexpected(Int, String)
    var description: String {
        switch self {
        case .unexpected(let status, let body): "unexpected HTTP \(status): \(body)"
        }
    }
}

/// Runs `body` against a fresh in-memory sandbox and always stops it.
func withSandbox(sweepInterval: Duration = .seconds(3600), clock: ManualClock = ManualClock(), logger: Logger = Harness.quietLogger,
                 _ body: (Harness) async throws -> Void) async throws {
    let harness = try await Harness.start(sweepInterval: sweepInterval, clock: clock, logger: logger)
    do { try await body(harness) } catch {
        await harness.stop()
        throw error
    }
    await harness.stop()
}

/// A fresh directory under the system temporary directory.
func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "quiqpay-sandbox-tests-" + UUID().uuidString.lowercased()
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
