import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PaymentCore
import Synchronization

/// The agent side of API.md over HTTP: every call the console makes to the platform (Quiq or
/// the sandbox), with Basic auth, the endpoint table, per-request timeouts, retries with
/// backoff and jitter, `429`/`Retry-After`, and `ETag` revalidation of payment reads.
///
/// Create it once per platform and call `shutdown()` when done: it owns a connection pool.
public final class QuiqAPI: Sendable {
    /// Where and how to connect.
    public struct Options: Sendable {
        /// Scheme, host, port and any path prefix; the endpoint table's paths are appended.
        public var baseURL: String
        public var credentials: Credentials
        public var endpoints: EndpointTable
        /// Seconds one request may take, connection included.
        public var timeout: Double
        /// How calls that must get through (create, cancel, settings) are retried.
        public var retry: RetryPolicy
        /// How reads are retried: the console's pollers back off themselves, so they read once
        /// and report; a command that reads once retries like any other call.
        public var readRetry: RetryPolicy
        /// The end of the sentence shown on a 401 ("check QUIQ_API_IDENTITY / QUIQ_API_SECRET").
        public var authHint: String
        /// Most connections kept open to the platform at once.
        public var maxConnections: Int
        /// The CAs an https platform may chain to (the system's roots unless configured).
        public var trust: CertificateTrust

        public init(baseURL: String, credentials: Credentials, endpoints: EndpointTable = .standard,
                    timeout: Double = 10, retry: RetryPolicy = RetryPolicy(), readRetry: RetryPolicy? = nil,
                    authHint: String = "check QUIQ_API_IDENTITY / QUIQ_API_SECRET", maxConnections: Int = 32,
                    trust: CertificateTrust = .systemRoots) {
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.credentials = credentials
            self.endpoints = endpoints
            self.timeout = timeout
            self.retry = retry
            self.readRetry = readRetry ?? retry
            self.authHint = authHint
            self.maxConnections = maxConnections
            self.trust = trust
        }
    }

    public let options: Options
    /// The base URL as it may be shown: without any user or password in it.
    public let displayURL: String
    let http: HTTPClient
    private let clock: PollClock
    private let logger: Logger
    private let onRetry: (@Sendable (QuiqClientError) -> Void)?
    private let etags = ETagCache<PaymentMessage>()
    private let conversationETags = ETagCache<Conversation>()
    /// Cursors move as payments come and go, so page keys churn: kept to a bound.
    private let pageETags = ETagCache<PaymentPage>(capacity: 1_000)
    /// The `Authorization` header, encoded once rather than per request.
    let authorization: String
    private let sent = Atomic<Int>(0)

    /// - Parameter onRetry: told, before each wait, why a retry is coming and in how long
    ///   (e.g. "the platform is unreachable at ...: retrying in 8 s"), for a status line.
    public init(options: Options, clock: PollClock = .system, logger: Logger = Logger(label: "quiqpay.client"),
                onRetry: (@Sendable (QuiqClientError) -> Void)? = nil) {
        self.options = options
        self.displayURL = QuiqAPI.withoutUserInfo(options.baseURL)
        self.clock = clock
        self.logger = logger
        self.onRetry = onRetry
        self.authorization = options.credentials.basicAuthorization
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(min(options.timeout, 5) * 1000)))
        configuration.connectionPool = .init(idleTimeout: .seconds(60),
                                             concurrentHTTP1ConnectionsPerHostSoftLimit: options.maxConnections)
        // A refused connection fails at once: the retry policy below does the backing off, so it
        // can be announced ("retrying in 8 s") and bounded, instead of AHC retrying silently.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .ratio(20))
        // The one place TLS is set up: full verification against the configured CAs, host names checked.
        configuration.tlsConfiguration = options.trust.clientConfiguration
        // No spans: AHC otherwise builds span attributes for the no-op default tracer on every request.
        configuration.tracing.tracer = nil
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connection pool; the object is unusable afterwards.
    public func shutdown() async {
        do {
            try await http.shutdown()
        } catch {
            logger.warning("closing the HTTP client failed: \(error)")
        }
    }

    /// HTTP requests sent so far, retries included (for the benchmark and the status line).
    public var requestsSent: Int { sent.load(ordering: .relaxed) }

    // MARK: - Agent side

    /// Sends a draft with its id as the `Idempotency-Key`, so a retry after a lost response
    /// returns the payment the first attempt created instead of creating a second one.
    public func createPayment(_ draft: PaymentDraft) async throws(QuiqClientError) -> PaymentMessage {
        try await createPayment(draft.request, conversationId: draft.conversationId, idempotencyKey: draft.id)
    }

    /// Creates a payment request. Retried only because `idempotencyKey` makes that safe.
    public func createPayment(_ request: PaymentRequest, conversationId: String,
                              idempotencyKey: String) async throws(QuiqClientError) -> PaymentMessage {
        let body = try encode(request)
        let response = try await send(.createPayment, ["conversationId": conversationId], body: body,
                                      headers: [("Idempotency-Key", idempotencyKey)], context: "conversation \(conversationId)")
        return try decode(PaymentMessage.self, response)
    }

    /// Every payment of one conversation.
    public func payments(inConversation conversationId: String) async throws(QuiqClientError) -> [PaymentMessage] {
        let response = try await send(.listConversationPayments, ["conversationId": conversationId],
                                      context: "conversation \(conversationId)")
        return try decode(PaymentPage.self, response).items
    }

    /// One page of the supervisor list, newest first; pass `page.next` as `after` for the next.
    public func paymentRequests(status: [PaymentStatus] = [], limit: Int? = nil,
                                after: String? = nil) async throws(QuiqClientError) -> PaymentPage {
        switch try await fetchPage(status: status, limit: limit, after: after) {
        case .unchanged(let page): return page
        case .fresh(let response, let key): return try decodePage(response, key: key)
        }
    }

    /// Every page of the supervisor list, in order. Each page is decoded while the next one is
    /// fetched (its cursor read first), so a first read of 10,000 payments costs the fetching or
    /// the decoding, whichever is slower, rather than both one after the other.
    public func allPaymentRequests(status: [PaymentStatus], pageSize: Int) async throws(QuiqClientError) -> [PaymentPage] {
        let outcomes = await withTaskGroup(of: (Int, Result<PaymentPage, QuiqClientError>).self) { group in
            var pages: [Int: Result<PaymentPage, QuiqClientError>] = [:]
            var cursor: String?
            var seen = Set<String>()  // a platform that hands back a cursor twice would loop forever
            var index = 0
            repeat {
                switch await fetchPageOutcome(status: status, pageSize: pageSize, after: cursor) {
                case .failure(let error):
                    pages[index] = .failure(error)
                    cursor = nil
                case .success(.unchanged(let page)):
                    pages[index] = .success(page)
                    cursor = page.next
                case .success(.fresh(let response, let key)):
                    switch nextCursor(response) {
                    case .failure(let error):
                        pages[index] = .failure(error)
                        cursor = nil
                    case .success(let next):
                        let position = index
                        group.addTask { (position, self.decodePageOutcome(response, key: key)) }
                        cursor = next
                    }
                }
                index += 1
                if let next = cursor, !seen.insert(next).inserted { cursor = nil }
            } while cursor != nil
            for await (position, page) in group { pages[position] = page }
            return pages.sorted { $0.key < $1.key }.map(\.value)
        }
        var pages: [PaymentPage] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let page): pages.append(page)
            case .failure(let error): throw error
            }
        }
        return pages
    }

    private enum FetchedPage: Sendable {
        case unchanged(PaymentPage)
        case fresh(RawResponse, key: String)
    }

    /// One page read with `If-None-Match` when it was read before: a board refreshing an
    /// unchanged list costs one empty 304 per page.
    private func fetchPage(status: [PaymentStatus], limit: Int?, after: String?) async throws(QuiqClientError) -> FetchedPage {
        var query: [(String, String)] = []
        if !status.isEmpty { query.append(("status", status.map(\.rawValue).joined(separator: ","))) }
        if let limit { query.append(("limit", String(limit))) }
        if let after { query.append(("after", after)) }
        let key = query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        switch try await revalidate(pageETags, key: key, .listPayments, [:], query: query, context: "payment list") {
        case .unchanged(let page): return .unchanged(page)
        case .fresh(let response): return .fresh(response, key: key)
        }
    }

    private func decodePage(_ response: RawResponse, key: String) throws(QuiqClientError) -> PaymentPage {
        try decodeRemembering(response, in: pageETags, key: key)
    }

    /// The `next` of a page without decoding its items: from the end of the body where API.md's
    /// shape puts it, else through a decoder that skips the items' values.
    private func nextCursor(_ response: RawResponse) -> Result<String?, QuiqClientError> {
        if let known = TrailingCursor.next(in: response.body.readableBytesView) { return .success(known) }
        struct Cursor: Decodable { var next: String? }
        do throws(QuiqClientError) {
            return .success(try decode(Cursor.self, response).next)
        } catch {
            return .failure(error)
        }
    }

    // As values, outside the task-group closure: a typed `do throws` inside one crashed the
    // release build (see PaymentWatcher).
    private func fetchPageOutcome(status: [PaymentStatus], pageSize: Int, after: String?) async -> Result<FetchedPage, QuiqClientError> {
        do throws(QuiqClientError) {
            return .success(try await fetchPage(status: status, limit: pageSize, after: after))
        } catch {
            return .failure(error)
        }
    }

    private func decodePageOutcome(_ response: RawResponse, key: String) -> Result<PaymentPage, QuiqClientError> {
        do throws(QuiqClientError) {
            return .success(try decodePage(response, key: key))
        } catch {
            return .failure(error)
        }
    }

    /// Reads one payment; revalidates with `If-None-Match` when it was read before.
    public func payment(id: String) async throws(QuiqClientError) -> PaymentMessage {
        try await readPayment(id: id).message
    }

    /// A payment read, and whether it was answered by `304 Not Modified` (served from cache).
    public struct PaymentRead: Sendable {
        public var message: PaymentMessage
        public var notModified: Bool
    }

    /// Reads one payment, telling a cheap `304` apart from a fresh body.
    public func readPayment(id: String) async throws(QuiqClientError) -> PaymentRead {
        switch try await revalidate(etags, key: id, .getPayment, ["id": id], context: "payment \(id)") {
        case .unchanged(let message): return PaymentRead(message: message, notModified: true)
        case .fresh(let response): return PaymentRead(message: try decodeRemembering(response, in: etags, key: id), notModified: false)
        }
    }

    /// A read as a value, for task-group children, which cannot catch typed errors themselves:
    /// a typed `do throws` inside a child's closure crashed release builds (Swift 6.3.1).
    public func readPaymentResult(id: String) async -> Result<PaymentMessage, QuiqClientError> {
        do throws(QuiqClientError) {
            return .success(try await readPayment(id: id).message)
        } catch {
            return .failure(error)
        }
    }

    /// Withdraws a payment. If an earlier attempt's answer was lost and the retry hears
    /// `409 not_active`, the payment is read: when it is now cancelled, that is the answer.
    public func cancelPayment(id: String) async throws(QuiqClientError) -> PaymentMessage {
        etags.forget(id)
        let response: RawResponse
        do {
            response = try await send(.cancelPayment, ["id": id], body: Data(), context: "payment \(id)")
        } catch .rejected(409, "not_active", let message, let fields) {
            let error = QuiqClientError.rejected(status: 409, code: "not_active", message: message, fields: fields)
            guard lastCancelRetried(id) else { throw error }
            let current = try await payment(id: id)
            guard current.status == .cancelled else { throw error }
            return current
        }
        return try decode(PaymentMessage.self, response)
    }

    /// A conversation's transcript, where the link and the outcome are posted.
    public func conversation(id: String) async throws(QuiqClientError) -> Conversation {
        let read = try await conversationRead(id: id)
        return read.conversation
    }

    /// Reads a transcript with `If-None-Match` when an earlier read had an ETag: a poll of an
    /// unchanged conversation then costs a `304` and no decoding (`notModified`).
    public func conversationRead(id: String) async throws(QuiqClientError) -> (conversation: Conversation, notModified: Bool) {
        switch try await revalidate(conversationETags, key: id, .getConversation, ["conversationId": id], context: "conversation \(id)") {
        case .unchanged(let conversation): return (conversation, true)
        case .fresh(let response): return (try decodeRemembering(response, in: conversationETags, key: id), false)
        }
    }

    /// Whether the platform answers at all (`GET /healthz`, a few bytes): the cheapest heartbeat.
    /// - Returns: what the platform says it is (`quiqpay-sandbox` for a quiqpay sandbox), or nil
    ///   for a site that does not say, as a real tenant need not.
    @discardableResult
    public func checkHealth() async throws(QuiqClientError) -> String? {
        let response = try await send(.health, [:], context: "the platform's health check")
        struct Health: Decodable { var platform: String? }
        // A body that is not this JSON says nothing of what serves it: nil, taken as a live site.
        return (try? JSONDecoder().decode(Health.self, from: Data(response.body.readableBytesView)))?.platform
    }

    /// The tenant's payment settings (admin key).
    public func settings() async throws(QuiqClientError) -> PaymentSettings {
        let response = try await send(.getSettings, [:], context: "payment settings")
        return try decode(PaymentSettings.self, response)
    }

    /// Changes the collection URL and/or the Payment Key (admin key).
    public func updateSettings(_ update: PaymentSettingsUpdate) async throws(QuiqClientError) -> PaymentSettings {
        let body = try encode(update)
        let response = try await send(.putSettings, [:], body: body, context: "payment settings")
        return try decode(PaymentSettings.self, response)
    }

    // MARK: - Transport

    struct RawResponse: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer
    }

    /// A read sent with the cached ETag: `unchanged` on a `304`, else the fresh answer to decode.
    private enum Revalidation<Value: Sendable>: Sendable {
        case unchanged(Value)
        case fresh(RawResponse)
    }

    /// The one place a read sends `If-None-Match` and takes a `304` from `cache`.
    private func revalidate<Value: Sendable>(_ cache: ETagCache<Value>, key: String, _ operation: Operation,
                                             _ parameters: [String: String], query: [(String, String)] = [],
                                             context: String) async throws(QuiqClientError) -> Revalidation<Value> {
        let cached = cache.lookup(key)
        let headers = cached.map { [("If-None-Match", $0.etag)] } ?? []
        let response = try await send(operation, parameters, query: query, headers: headers, context: context)
        if response.status == 304, let cached { return .unchanged(cached.value) }
        return .fresh(response)
    }

    /// Decodes a fresh answer and keeps it under its ETag for the next `revalidate`.
    private func decodeRemembering<Value: Decodable & Sendable>(_ response: RawResponse, in cache: ETagCache<Value>,
                                                                key: String) throws(QuiqClientError) -> Value {
        let value = try decode(Value.self, response)
        if let etag = response.headers.first(name: "ETag") { cache.store(key, etag: etag, value: value) }
        return value
    }

    private let retriedCancels = Mutex<Set<String>>([])

    private func lastCancelRetried(_ id: String) -> Bool {
        retriedCancels.withLock { $0.remove(id) != nil }
    }

    /// The request for `endpoint` with this client's key: its URL (path parameters and query
    /// filled in), method and headers; the caller sets the body.
    func makeRequest(_ endpoint: Endpoint, _ parameters: [String: String], query: [(String, String)], hasBody: Bool,
                     userAgent: String) -> HTTPClientRequest {
        var url = options.baseURL + endpoint.path(parameters)
        if !query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + query.map { "\($0.0)=\(QuiqAPI.queryEncoded($0.1))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: endpoint.method)
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: userAgent)
        if hasBody { request.headers.add(name: "Content-Type", value: "application/json") }
        return request
    }

    /// Sends one operation, retrying transport failures, `5xx` and `429` per the policy.
    /// Every operation here is safe to retry: reads by nature, creates by their
    /// Idempotency-Key, cancel by its `not_active` check, settings by PUT's semantics.
    func send(_ operation: Operation, _ parameters: [String: String], query: [(String, String)] = [],
                      body: Data? = nil, headers extra: [(String, String)] = [],
                      context: String) async throws(QuiqClientError) -> RawResponse {
        let endpoint = options.endpoints[operation]
        var request = makeRequest(endpoint, parameters, query: query, hasBody: body != nil, userAgent: "quiqpay")
        for (name, value) in extra { request.headers.add(name: name, value: value) }

        let retry = operation.isRead ? options.readRetry : options.retry
        var attempt = 0
        while true {
            attempt += 1
            if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
            let failure: QuiqClientError
            var retryAfter: Double?
            sent.add(1, ordering: .relaxed)
            do {
                let response = try await http.execute(request, timeout: .milliseconds(Int64(options.timeout * 1000)))
                let buffer = try await response.body.collect(upTo: 64 << 20)
                let status = Int(response.status.code)
                logger.debug("\(endpoint.method) \(endpoint.pathTemplate) -> \(status)")
                if (200..<300).contains(status) || status == 304 {
                    return RawResponse(status: status, headers: response.headers, body: buffer)
                }
                let error = refusal(operation, endpoint: endpoint, status: status, headers: response.headers,
                                    body: buffer, context: context)
                switch status {
                case 429 where operation == .resendLink:
                    // Too soon: waiting out Retry-After here would hold the agent for a minute.
                    throw QuiqClientError.rateLimited(retryAfter: response.headers.first(name: "Retry-After").flatMap(QuiqAPI.parseRetryAfter))
                case 429:
                    retryAfter = response.headers.first(name: "Retry-After").flatMap(QuiqAPI.parseRetryAfter)
                    failure = .rateLimited(retryAfter: retryAfter)
                case 500, 502, 503, 504:
                    failure = error
                default:
                    if status == 409, operation == .cancelPayment, attempt > 1, let id = parameters["id"] {
                        _ = retriedCancels.withLock { $0.insert(id) }
                    }
                    throw error
                }
            } catch let error as QuiqClientError {
                throw error
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
                failure = .timedOut(baseURL: displayURL, seconds: options.timeout)
            } catch {
                // A refused certificate will be refused again: said at once, never retried.
                if let problem = await CertificateProblem.of(error, baseURL: options.baseURL, trust: options.trust) {
                    throw .certificate(baseURL: displayURL, problem: problem)
                }
                failure = .unreachable(baseURL: displayURL, reason: QuiqAPI.reason(error), retryIn: nil)
            }

            guard attempt < retry.maxAttempts else { throw failure }
            let jittered = retry.delay(afterAttempt: attempt)
            let wait = max(jittered, retryAfter ?? 0)
            if case .unreachable(let base, let reason, _) = failure {
                onRetry?(.unreachable(baseURL: base, reason: reason, retryIn: wait))
            } else {
                onRetry?(failure)
            }
            logger.debug("\(endpoint.method) \(endpoint.pathTemplate) failed (attempt \(attempt), HTTP \(failure.status.map(String.init) ?? "-")); retrying in \(QuiqClientError.seconds(wait))")
            do {
                try await clock.sleep(wait)
            } catch {
                throw failure
            }
        }
    }

    /// The typed error for a non-2xx answer.
    private func refusal(_ operation: Operation, endpoint: Endpoint, status: Int, headers: HTTPHeaders,
                         body: ByteBuffer, context: String) -> QuiqClientError {
        let parsed = try? JSONDecoder().decode(APIErrorBody.self, from: Data(body.readableBytesView))
        switch status {
        case 401:
            return .unauthorized(hint: options.authHint)
        case 403:
            return .forbidden(operation: operation, message: parsed?.error.message.trimmedSentence ?? "HTTP 403")
        case 404 where parsed != nil && operation != .listPayments && operation != .listPaymentChanges:
            return .notFound(what: context)
        case 404, 405:
            return .unsupported(operation: operation, endpoint: displayURL + endpoint.pathTemplate, status: status)
        case 500...:
            return .serverError(baseURL: displayURL, status: status)
        default:
            guard let parsed else {
                return .invalidResponse(baseURL: displayURL, detail: "HTTP \(status) without an error body")
            }
            return .rejected(status: status, code: parsed.error.code, message: parsed.error.message,
                             fields: parsed.error.fields ?? [])
        }
    }

    private func encode<T: Encodable>(_ value: T) throws(QuiqClientError) -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            throw .invalidResponse(baseURL: displayURL, detail: "the request could not be encoded: \(error)")
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: RawResponse) throws(QuiqClientError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
        } catch {
            throw .invalidResponse(baseURL: displayURL, detail: "HTTP \(response.status) with a body that is not a \(T.self)")
        }
    }

    // MARK: - Helpers

    /// `Retry-After` as seconds: either a number or an HTTP date.
    static func parseRetryAfter(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// A short, secret-free cause for a transport failure ("connection refused").
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError {
            return io.errnoCode == ECONNREFUSED ? "connection refused" : String(cString: strerror(io.errnoCode)).lowercased()
        }
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout: return "connection timed out"
            case .remoteConnectionClosed: return "the connection was closed"
            default: return "\(client)".prefix(80).lowercased()
            }
        }
        let text = "\(error)"
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        return String(text.prefix(80))
    }

    static func withoutUserInfo(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + String(rest[rest.index(after: at)...])
    }

    static func queryEncoded(_ value: String) -> String {
        value.split(separator: ",", omittingEmptySubsequences: false)
            .map { Endpoint.encodeSegment(String($0)) }.joined(separator: ",")
    }
}
