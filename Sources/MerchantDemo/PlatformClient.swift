import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import PaymentCore

/// Why a call to the platform did not give what was asked; never carries a secret.
enum PlatformError: Error, Sendable {
    /// No answer (refused connection, timeout, broken response).
    case unreachable
    /// An answer with a non-success status, and API.md's error body when there was one.
    case status(Int, APIErrorBody?)
    /// A 2xx answer that is not the JSON API.md describes.
    case undecodable
}

/// What the platform said to the Client's reply (step 7).
enum ReplyResult: Sendable {
    /// `200`: recorded (or the identical reply replayed); the payment is now paid or failed.
    case recorded(PaymentMessage)
    /// `409 already_replied`: another reply came first; its response, if the body carried it.
    case alreadyReplied(PaymentReplyRecord?)
}

/// The Client's side of API.md: "Gets" and "Replies to" the custom interaction message, the JWKS,
/// and the admin settings call the `merchant --sandbox-file` command uses to register itself.
struct PlatformClient: Sendable {
    let baseURL: String
    private let basicAuthorization: Redacted
    private let paymentKey: Redacted
    private let http: HTTPClient
    private static let timeout: TimeAmount = .seconds(10)
    private static let maximumBody = 1 << 20

    init(baseURL: String, identity: String, secret: String, paymentKey: String, http: HTTPClient = .shared) {
        self.baseURL = baseURL
        self.basicAuthorization = Redacted(PlatformClient.basic(identity: identity, secret: secret))
        self.paymentKey = Redacted(paymentKey)
        self.http = http
    }

    /// A client that trusts exactly the CA certificates in `pem` for the platform (verification on,
    /// host names checked): for a sandbox or tenant whose CA no system root signs.
    static func httpClient(trusting pem: String) throws(MerchantStartError) -> HTTPClient {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
        } catch {
            throw .invalidPlatformCA("it is not PEM")
        }
        guard !certificates.isEmpty else { throw .invalidPlatformCA("it holds no certificate") }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(certificates)
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    static func basic(identity: String, secret: String) -> String {
        "Basic " + Data("\(identity):\(secret)".utf8).base64EncodedString()
    }

    /// Step 3: `GET /api/v1/messaging/custom-interactions/{token}`.
    func readPayment(token: String) async throws(PlatformError) -> PaymentMessage {
        let response = try await send(method: .GET, path: "/api/v1/messaging/custom-interactions/\(PlatformClient.pathSegment(token))")
        guard response.status == 200 else { throw .status(response.status, response.errorBody) }
        return try response.decode(PaymentMessage.self)
    }

    /// Step 7: `POST /api/v1/messaging/custom-interactions/{token}/reply` with the Payment Key.
    func reply(token: String, _ reply: PaymentReply) async throws(PlatformError) -> ReplyResult {
        let body: Data
        do { body = try JSONEncoder().encode(reply) } catch { throw .undecodable }
        let response = try await send(method: .POST, path: "/api/v1/messaging/custom-interactions/\(PlatformClient.pathSegment(token))/reply",
                                      body: body, extraHeaders: [("X-Quiq-Payment-Key", paymentKey.value)])
        switch response.status {
        case 200: return .recorded(try response.decode(PaymentMessage.self))
        case 409 where response.errorBody?.error.code == "already_replied":
            return .alreadyReplied(response.errorBody?.error.response)
        default: throw .status(response.status, response.errorBody)
        }
    }

    /// `GET /.well-known/jwks.json`: the platform's token-signing public keys.
    func jwks() async throws(PlatformError) -> Data {
        let response = try await send(method: .GET, path: "/.well-known/jwks.json", authorized: false)
        guard response.status == 200 else { throw .status(response.status, response.errorBody) }
        return response.body
    }

    /// `PUT /api/v1/payments/settings` with an admin key.
    func putSettings(_ update: PaymentSettingsUpdate, adminIdentity: String, adminSecret: String) async throws(PlatformError) {
        let body: Data
        do { body = try JSONEncoder().encode(update) } catch { throw .undecodable }
        let response = try await send(method: .PUT, path: "/api/v1/payments/settings", body: body,
                                      authorization: PlatformClient.basic(identity: adminIdentity, secret: adminSecret))
        guard (200..<300).contains(response.status) else { throw .status(response.status, response.errorBody) }
    }

    // MARK: - Transport

    private struct Answer {
        let status: Int
        let body: Data

        var errorBody: APIErrorBody? { try? JSONDecoder().decode(APIErrorBody.self, from: body) }

        func decode<T: Decodable>(_ type: T.Type) throws(PlatformError) -> T {
            do { return try JSONDecoder().decode(T.self, from: body) } catch { throw .undecodable }
        }
    }

    private func send(method: HTTPMethod, path: String, body: Data? = nil, authorized: Bool = true,
                      authorization: String? = nil, extraHeaders: [(String, String)] = []) async throws(PlatformError) -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if authorized { request.headers.add(name: "Authorization", value: authorization ?? basicAuthorization.value) }
        for (name, value) in extraHeaders { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await http.execute(request, timeout: PlatformClient.timeout)
            let buffer = try await response.body.collect(upTo: PlatformClient.maximumBody)
            return Answer(status: Int(response.status.code), body: Data(buffer.readableBytesView))
        } catch {
            throw .unreachable
        }
    }

    /// A token is base64url and dots, which are path-safe; anything else is percent-encoded so a
    /// crafted token cannot change the path it is sent to.
    static func pathSegment(_ token: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        return token.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
