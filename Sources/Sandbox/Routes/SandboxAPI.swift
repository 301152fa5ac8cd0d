import QuiqpayFiles
import Foundation
import Hummingbird
import Logging
import PaymentCore
import Synchronization

/// The platform's HTTP surface (API.md) over the store and the token issuer, plus the little
/// mutable state a running sandbox has: its base URL, issuers and credentials.
final class SandboxAPI: Sendable {
    let store: PaymentStore
    let issuer: TokenIssuer
    let clock: SandboxClock
    let logger: Logger
    let openAPIDocument: Data
    /// Where `sandbox.json` is kept, if on disk.
    let credentialsPath: String?
    /// Live platform events for in-process subscribers (`RunningSandbox.subscribe()`).
    let events = SandboxEventBroadcaster()
    /// Encoded Client views by payment id: the Client's polling path.
    let clientViews = BoundedCache<StatusView>(capacity: 4_096)
    /// Encoded agent views by payment id: the list's and the feed's path. It holds every active
    /// payment of a board of 100,000 (about 1.1 KB each): a cache smaller than the board is
    /// scanned through by each full pass, oldest first, and then hits nothing at all.
    let agentViews = BoundedCache<StatusView>(capacity: 150_000)
    /// Encoded summaries (`view=summary` of the changes feed) by payment id, for the same board:
    /// about 400 bytes each.
    let summaryViews = BoundedCache<StatusView>(capacity: 150_000)

    private struct State {
        var baseURL = ""
        var issuers: Set<String> = []
        var credentials: SandboxDescriptor?
        var apiKeys = APIKeyCheck(keys: [:])
    }

    private let state = Mutex(State())

    init(store: PaymentStore, issuer: TokenIssuer, clock: SandboxClock, logger: Logger, credentialsPath: String?) {
        self.store = store
        self.issuer = issuer
        self.clock = clock
        self.logger = logger
        self.credentialsPath = credentialsPath
        openAPIDocument = OpenAPIDocument.data
    }

    var baseURL: String { state.withLock { $0.baseURL } }
    var credentials: SandboxDescriptor? { state.withLock { $0.credentials } }

    func started(baseURL: String, issuers: Set<String>, credentials: SandboxDescriptor, apiKeys: APIKeyCheck) throws {
        state.withLock {
            $0.apiKeys = apiKeys
            $0.baseURL = baseURL
            $0.issuers = issuers
            $0.credentials = credentials
        }
        try saveCredentials(credentials)
    }

    /// Applies a change to the credentials and rewrites `sandbox.json`.
    func updateCredentials(_ change: @Sendable (inout SandboxDescriptor) -> Void) throws {
        let updated: SandboxDescriptor? = state.withLock { state in
            guard var credentials = state.credentials else { return nil }
            change(&credentials)
            state.credentials = credentials
            return credentials
        }
        if let updated { try saveCredentials(updated) }
    }

    private func saveCredentials(_ credentials: SandboxDescriptor) throws {
        guard let credentialsPath else { return }
        do throws(SandboxDescriptorError) {
            try credentials.write(toFile: credentialsPath)
        } catch {
            throw SandboxStartError.file(error.description)
        }
    }

    /// Every route, in the order API.md lists them.
    var endpoints: [Endpoint] {
        agentEndpoints + clientEndpoints + adminEndpoints + publicEndpoints
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        let endpoints = self.endpoints
        router.middlewares.add(RequestLogMiddleware(logger: logger) { path in
            endpoints.filter { $0.matches(path: path) }.map(\.method.rawValue)
        })
        for endpoint in endpoints {
            let handler = endpoint.handler
            router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
                try await handler(request, context)
            }
        }
        return router
    }

    // MARK: Helpers shared by the routes

    /// Checks HTTP Basic auth and the key's role; returns the key's identity.
    @discardableResult
    func authorize(_ request: Request, as role: APIKeyRole) async throws -> String {
        let keys = state.withLock { $0.apiKeys }
        guard let header = request.headers[.authorization], let credentials = BasicCredentials(header: header),
              let actual = keys.role(identity: credentials.identity, secret: credentials.secret)
        else { throw SandboxError.unauthorized() }
        guard actual == role else { throw SandboxError.forbidden(role: actual, needed: role) }
        return credentials.identity
    }

    /// The token's payment, if the token is fully valid (401 / 410 otherwise).
    func paymentFor(token: String) async throws -> PaymentRecord {
        let claims: PaymentClaims
        let issuers = state.withLock { $0.issuers }
        do {
            claims = try await issuer.verify(token, issuers: issuers, now: clock.nowMilliseconds())
        } catch .expired {
            throw SandboxError.expired()
        } catch {
            throw SandboxError.invalidToken()
        }
        guard let record = try await store.lookup(id: claims.sub), record.isMintedFor(claims) else {
            throw SandboxError.invalidToken()
        }
        return record
    }

    /// The path parameter `name`, which must be a lower-case UUID, else 404.
    func uuidParameter(_ context: BasicRequestContext, _ name: String, what: String) throws -> String {
        guard let value = context.parameters.get(name), Identifier.isLowercaseUUID(value) else {
            throw SandboxError.notFound("No such \(what): ids are lower-case UUIDs, as API.md says.")
        }
        return value
    }

    /// A payment read with `ETag`; `If-None-Match` naming the current one gets `304` and no body.
    func conditionalResponse(_ view: EncodedView, request: Request) -> Response {
        let etag = view.etag
        if let header = request.headers[.ifNoneMatch],
           Self.entityTags(in: header).contains(where: { $0 == "*" || $0 == etag }) {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return JSONCoding.response(data: view.body, headers: [.eTag: etag])
    }

    /// The entity tags of an `If-None-Match` header, weak ones (`W/"x"`) compared as strong.
    static func entityTags(in header: String) -> [String] {
        header.split(separator: ",").map { tag in
            let trimmed = tag.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed
        }
    }
}

/// A payment message as JSON, with `response` and `key` written as `null` when absent,
/// as API.md's example shows.
/// The changes feed's `view=summary` item (docs/API.md): the fields of the agent's payment
/// message that a list shows, under the same names and with the same values, and nothing else
/// (no token, links, line items, metadata, timeline or reply).
struct WirePaymentSummary: Encodable {
    struct Payment: Encodable {
        let amount: Int64
        let currency: String
        let description: String
    }

    let active: Bool
    let agentKeyId: String?
    let conversationId: String
    let createdAt: String
    let expiresAt: String
    let id: String
    let payment: Payment
    let status: PaymentStatus
    let updatedAt: String?

    /// The summary of a payment's columns, with the times written as `PaymentRecord.message(.agent)`
    /// writes them (a test compares the two, with and without a restart).
    init(_ row: PaymentStore.SummaryRow) {
        active = row.status.isActive
        agentKeyId = row.agentKeyId
        conversationId = row.conversationId
        createdAt = Timestamp.rfc3339(milliseconds: row.createdAt)
        expiresAt = Timestamp.rfc3339(milliseconds: row.expiresAt)
        id = row.id
        payment = Payment(amount: row.amount, currency: row.currency, description: row.description)
        status = row.status
        updatedAt = Timestamp.rfc3339(milliseconds: row.updatedAt)
    }

    private enum Keys: String, CodingKey { case active, agentKeyId, conversationId, createdAt, expiresAt, id, payment, status, updatedAt }

    /// Every key always present (null where there is no value), as the full message writes them.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(active, forKey: .active)
        try container.encode(agentKeyId, forKey: .agentKeyId)
        try container.encode(conversationId, forKey: .conversationId)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(id, forKey: .id)
        try container.encode(payment, forKey: .payment)
        try container.encode(status, forKey: .status)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

struct WirePaymentMessage: Encodable {
    let message: PaymentMessage

    init(_ message: PaymentMessage) { self.message = message }

    private enum Keys: String, CodingKey { case response, key }

    func encode(to encoder: any Encoder) throws {
        try message.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        if message.response == nil { try container.encodeNil(forKey: .response) }
        if message.key == nil { try container.encodeNil(forKey: .key) }
    }
}
