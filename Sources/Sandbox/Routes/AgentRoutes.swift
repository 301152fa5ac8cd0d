import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PaymentCore

/// The agent side of API.md: create, list, read, cancel, resend the link, and read a conversation.
extension SandboxAPI {
    var agentEndpoints: [Endpoint] {
        [
            Endpoint(.post, "/api/v1/messaging/conversations/{conversationId}/payment-requests") { try await self.create($0, $1) },
            Endpoint(.get, "/api/v1/messaging/conversations/{conversationId}/payment-requests") { try await self.listConversation($0, $1) },
            Endpoint(.get, "/api/v1/payment-requests") { try await self.listAll($0, $1) },
            Endpoint(.get, "/api/v1/payment-requests/{id}") { try await self.read($0, $1) },
            Endpoint(.post, "/api/v1/payment-requests/{id}/cancel") { try await self.cancel($0, $1) },
            Endpoint(.post, "/api/v1/payment-requests/{id}/resend") { try await self.resend($0, $1) },
            Endpoint(.get, "/api/v1/messaging/conversations/{conversationId}") { try await self.conversation($0, $1) },
        ]
    }

    func create(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let identity = try await authorize(request, as: .agent)
        let conversationId = try uuidParameter(context, "conversationId", what: "conversation")
        let idempotencyKey = request.headers.value(named: "idempotency-key")
        if let idempotencyKey, !PaymentRules.idempotencyKeyLength.contains(idempotencyKey.count) {
            throw SandboxError.validation([FieldViolation(field: "Idempotency-Key", message: "Use an Idempotency-Key of 1 to 255 characters.")])
        }
        let body = try await JSONCoding.decodeBody(PaymentRequest.self, from: request)
        let violations = body.violations()
        guard violations.isEmpty, let amount = body.resolvedAmount else { throw SandboxError.validation(violations) }
        let settings = try await store.settings()
        guard let collectionUrl = settings.collectionUrl else { throw SandboxError.notConfigured() }

        let baseURL = self.baseURL
        let now = clock.nowMilliseconds()
        let ttl = Int64(body.expiresInSeconds ?? settings.defaultTtlSeconds)
        let nowSeconds = now / 1000
        let id = RandomText.uuid()
        let claims = PaymentClaims(iss: baseURL, aud: PaymentClaims.audience, sub: id, cid: conversationId,
                                   iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + ttl, jti: RandomText.uuid())
        let token = try await issuer.sign(claims)
        let paymentUrl: String
        do {
            paymentUrl = try PaymentLink.build(collectionUrl: collectionUrl, token: token, key: body.key)
        } catch {
            throw SandboxError(status: .conflict, code: "not_configured",
                               message: "The configured collection URL is unusable (\(error.description)) Set a new one in the settings.")
        }
        let details = PaymentDetails(description: body.description, currency: body.currency, amount: amount,
                                     lineItems: body.lineItems ?? [], metadata: body.metadata ?? [:])
        let claim = idempotencyKey.map { key in
            var fingerprintSource = Data((conversationId + "\n").utf8)
            fingerprintSource.append((try? JSONCoding.encode(body)) ?? Data())
            return PaymentStore.IdempotencyClaim(identity: identity, key: key,
                                                 fingerprint: SHA256.hash(data: fingerprintSource).hexString)
        }
        var lastError: (any Error)?
        for _ in 0..<3 {
            let code = RandomText.base62(count: 10)
            let payment = PaymentStore.NewPayment(
                id: id, conversationId: conversationId, createdAt: now, expiresAt: (nowSeconds + ttl) * 1000,
                details: details, clientKey: body.key, token: token, jti: claims.jti, issuer: baseURL,
                paymentUrl: paymentUrl, shortCode: code, shortUrl: baseURL + "/p/" + code, agentKeyId: identity)
            do {
                let outcome = try await store.create(payment, idempotency: claim) { record in
                    try self.agentView(of: record).body
                }
                switch outcome {
                case .created(let record):
                    context.logger.info("payment created", metadata: ["payment.id": "\(record.id)", "conversation.id": "\(conversationId)"])
                    return JSONCoding.response(data: try agentView(of: record).body,
                                               status: .created, headers: [.location: "/api/v1/payment-requests/\(record.id)"])
                case .replayed(let data):
                    var headers = HTTPFields()
                    if let name = HTTPField.Name("Idempotent-Replayed") { headers[name] = "true" }
                    return JSONCoding.response(data: data, status: .created, headers: headers)
                case .idempotencyMismatch:
                    throw SandboxError.idempotencyMismatch()
                }
            } catch let error as SandboxError {
                throw error
            } catch {
                lastError = error  // a short-code collision: draw another code
            }
        }
        throw lastError ?? SandboxError.internalError()
    }

    func listConversation(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .agent)
        let conversationId = try uuidParameter(context, "conversationId", what: "conversation")
        // Asked with no ETag, agentPage always answers with a page.
        guard let page = try await agentPage(PaymentStore.ListQuery(conversationId: conversationId, limit: 1000)).page else {
            throw SandboxError.internalError()
        }
        return JSONCoding.response(data: try page.json(includeNext: false))
    }

    func listAll(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .agent)
        var violations: [FieldViolation] = []
        var statuses: [PaymentStatus] = []
        if let text = request.uri.queryParameters.get("status"), !text.isEmpty {
            for name in text.split(separator: ",") {
                if let status = PaymentStatus(rawValue: String(name)) { statuses.append(status) } else {
                    violations.append(FieldViolation(field: "status", message: "“\(name)” is not a status: use pending, opened, paid, failed, expired or cancelled."))
                }
            }
        }
        let changedSince = request.uri.queryParameters.get("changedSince")
        let maxLimit = changedSince == nil ? 100 : Self.changesDefaultLimit
        var limit = maxLimit
        if let text = request.uri.queryParameters.get("limit") {
            if let value = Int(text), (1...maxLimit).contains(value) { limit = value } else {
                violations.append(FieldViolation(field: "limit", message: "Use a limit from 1 to \(maxLimit)."))
            }
        }
        var before: Int64?
        if let text = request.uri.queryParameters.get("after"), !text.isEmpty {
            if changedSince != nil {
                violations.append(FieldViolation(field: "after", message: "Page the list with after, or follow the changes feed with changedSince, not both."))
            } else if let seq = PageCursor.decode(text) { before = seq } else {
                violations.append(FieldViolation(field: "after", message: "Pass back the `next` cursor of the previous page unchanged."))
            }
        }
        if let changedSince, changedSince.isEmpty {
            violations.append(FieldViolation(field: "changedSince", message: "Pass 0 to start the feed, or the cursor of its last answer unchanged."))
        }
        var view = ChangesView.full
        if let text = request.uri.queryParameters.get("view") {
            if changedSince == nil {
                violations.append(FieldViolation(field: "view", message: "Ask for a view with changedSince: the list's pages hold whole payment messages."))
            } else if let chosen = ChangesView(rawValue: String(text)) {
                view = chosen
            } else {
                violations.append(FieldViolation(field: "view", message: "Use view=full for whole payment messages or view=summary for the list's columns."))
            }
        }
        guard violations.isEmpty else { throw SandboxError.validation(violations) }
        if let changedSince {
            return JSONCoding.response(data: try await changes(since: changedSince, statuses: statuses, limit: limit, view: view).json())
        }
        let known = request.headers[.ifNoneMatch].map(Self.entityTags(in:)) ?? []
        let read = try await agentPage(PaymentStore.ListQuery(statuses: statuses, limit: limit, beforeSeq: before), unlessETagIn: known)
        guard let page = read.page else { return Response(status: .notModified, headers: [.eTag: read.etag]) }
        return JSONCoding.response(data: try page.json(includeNext: true), headers: [.eTag: page.etag])
    }

    func read(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .agent)
        let id = try uuidParameter(context, "id", what: "payment request")
        guard let record = try await store.payment(id: id, now: clock.nowMilliseconds()) else {
            throw SandboxError.notFound("No payment request has this id: check it against the list of payment requests.")
        }
        return conditionalResponse(try agentView(of: record), request: request)
    }

    func cancel(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .agent)
        let id = try uuidParameter(context, "id", what: "payment request")
        switch try await store.cancel(id: id, now: clock.nowMilliseconds()) {
        case .cancelled(let record):
            context.logger.info("payment cancelled", metadata: ["payment.id": "\(id)"])
            return JSONCoding.response(data: try agentView(of: record).body)
        case .notActive(let status):
            throw SandboxError.notActive(status)
        case .notFound:
            throw SandboxError.notFound("No payment request has this id: check it against the list of payment requests.")
        }
    }

    func conversation(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .agent)
        let id = try uuidParameter(context, "conversationId", what: "conversation")
        // Not in API.md, but cheap polling for the console: the transcript's ETag is its
        // version, so an unchanged one is a 304 without reading a single message.
        let known = request.headers[.ifNoneMatch].flatMap { header in
            Self.entityTags(in: header).first { $0.hasPrefix("\"c") }.map { String($0.dropFirst(2).dropLast()) }
        }
        let read = try await store.conversation(id: id, unlessVersion: known)
        let etag = "\"c" + read.version + "\""
        guard let conversation = read.conversation else { return Response(status: .notModified, headers: [.eTag: etag]) }
        return try JSONCoding.response(conversation, headers: [.eTag: etag])
    }
}

/// `{"items": [...], "next": ...}`; `next` is written (possibly null) only on the paged list.
/// The opaque `after` cursor of the supervisor list: the position of the last row seen.
enum PageCursor {
    static func encode(_ seq: Int64) -> String { Base64URL.encode(Array("p1:\(seq)".utf8)) }

    static func decode(_ text: String) -> Int64? {
        guard let bytes = Base64URL.decode(text), let plain = String(bytes: bytes, encoding: .utf8),
              plain.hasPrefix("p1:"), let seq = Int64(plain.dropFirst(3)), seq > 0 else { return nil }
        return seq
    }
}
