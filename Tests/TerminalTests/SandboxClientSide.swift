import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import PaymentCore

/// The Client's side of API.md, played by a test against the console's embedded sandbox:
/// reads `sandbox.json` from the console's data directory, finds the payment's token with the
/// agent key, reads the custom interaction with the client key and replies with the Payment Key.
struct SandboxClientSide {
    struct Key: Decodable { var identity: String; var secret: String }
    struct File: Decodable { var baseUrl: String; var keys: [String: Key]; var paymentKey: String; var conversationId: String }

    let file: File
    /// The CA (PEM file) to trust when the sandbox serves HTTPS; nil: the system's roots.
    let caFile: String?

    init(dataDirectory: URL, caFile: String? = nil) throws {
        let data = try Data(contentsOf: dataDirectory.appendingPathComponent("sandbox/sandbox.json"))
        file = try JSONDecoder().decode(File.self, from: data)
        self.caFile = caFile
    }

    /// The newest payment of the demo conversation, as the agent sees it (with its token).
    func newestPayment() async throws -> PaymentMessage {
        guard let newest = try await payments().max(by: { $0.createdAt < $1.createdAt }) else { throw Failure("no payment in the conversation") }
        return newest
    }

    /// Every payment of the demo conversation, as the agent sees them.
    func payments() async throws -> [PaymentMessage] {
        let body = try await request("GET", "/api/v1/messaging/conversations/\(file.conversationId)/payment-requests", role: "agent")
        return try JSONDecoder().decode(PaymentPage.self, from: body).items
    }

    /// The pending or opened payment described `description`, found in the supervisor list.
    func activePayment(described description: String) async throws -> PaymentMessage {
        var cursor: String?
        repeat {
            let query = "status=pending,opened&limit=100" + (cursor.map { "&after=\($0)" } ?? "")
            let page = try JSONDecoder().decode(PaymentPage.self, from: try await request("GET", "/api/v1/payment-requests?\(query)", role: "agent"))
            if let found = page.items.first(where: { $0.payment.description == description }) { return found }
            cursor = page.next
        } while cursor != nil
        throw Failure("no active payment described \(description)")
    }

    /// Step 3: the Client reads the payment (it becomes `opened`).
    func read(token: String) async throws {
        _ = try await request("GET", "/api/v1/messaging/custom-interactions/\(token)", role: "client")
    }

    /// Step 7: the Client reports the result with its Payment Key; returns the payment as replied.
    @discardableResult
    func reply(token: String, outcome: String) async throws -> PaymentMessage {
        let body = #"{"outcome":"\#(outcome)","transactionId":"txn-test","message":"\#(outcome == "success" ? "Approved" : "card declined")"}"#
        let replied = try await request("POST", "/api/v1/messaging/custom-interactions/\(token)/reply", role: "client", body: body,
                                        headers: [("X-Quiq-Payment-Key", file.paymentKey)])
        return try JSONDecoder().decode(PaymentMessage.self, from: replied)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private func request(_ method: String, _ path: String, role: String, body: String? = nil,
                         headers: [(String, String)] = []) async throws -> Data {
        guard let key = file.keys[role] else { throw Failure("sandbox.json has no \(role) key") }
        var request = HTTPClientRequest(url: file.baseUrl + path)
        request.method = .RAW(value: method)
        let basic = Data("\(key.identity):\(key.secret)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(basic)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let (status, bytes) = try await Self.execute(request, caFile: caFile)
        guard (200..<300).contains(status) else {
            throw Failure("\(method) \(path) answered \(status): \(String(buffer: bytes))")
        }
        return Data(bytes.readableBytesView)
    }

    /// One request through a client that trusts `caFile` (the shared client when nil).
    static func execute(_ request: HTTPClientRequest, caFile: String?) async throws -> (Int, ByteBuffer) {
        guard let caFile else {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            return (Int(response.status.code), try await response.body.collect(upTo: 1 << 20))
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(caFile)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
        do {
            let response = try await client.execute(request, timeout: .seconds(5))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            try await client.shutdown()
            return (Int(response.status.code), bytes)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
