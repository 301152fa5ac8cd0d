import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PaymentCore

/// The Client side of API.md: "Gets the custom interaction message" (step 3) and
/// "Replies to the custom interaction message" (step 7).
extension SandboxAPI {
    var clientEndpoints: [Endpoint] {
        [
            Endpoint(.get, "/api/v1/messaging/custom-interactions/{token}") { try await self.clientRead($0, $1) },
            Endpoint(.post, "/api/v1/messaging/custom-interactions/{token}/reply") { try await self.clientReply($0, $1) },
        ]
    }

    func clientRead(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .client)
        let record = try await paymentFor(token: context.parameters.get("token") ?? "")
        guard let opened = try await store.openForClient(record, now: clock.nowMilliseconds()) else {
            throw SandboxError.invalidToken()
        }
        if opened.status == .expired { throw SandboxError.expired() }
        return conditionalResponse(try clientView(of: opened), request: request)
    }

    func clientReply(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .client)
        let record = try await paymentFor(token: context.parameters.get("token") ?? "")
        let reply = try await JSONCoding.decodeBody(PaymentReply.self, from: request)
        let violations = reply.violations()
        guard violations.isEmpty else { throw SandboxError.validation(violations) }

        let now = clock.nowMilliseconds()
        switch try await store.checkPaymentKey(request.headers.value(named: "x-quiq-payment-key"), paymentId: record.id, now: now) {
        case .accepted:
            break
        case .rejected:
            context.logger.notice("reply refused: wrong Payment Key", metadata: ["payment.id": "\(record.id)"])
            throw SandboxError.paymentKeyMismatch()
        case .locked(let until):
            throw SandboxError.locked(retryAfterSeconds: (until - now + 999) / 1000)
        }

        let fingerprint = SHA256.hash(data: try JSONCoding.encode(reply)).hexString
        switch try await store.reply(paymentId: record.id, reply: reply, fingerprint: fingerprint, now: now) {
        case .recorded(let record):
            context.logger.info("payment replied", metadata: ["payment.id": "\(record.id)", "payment.status": "\(record.status.rawValue)"])
            return JSONCoding.response(data: try clientView(of: record).body)
        case .replayed(let record):
            return try JSONCoding.response(WirePaymentMessage(record.message(.client, replayed: true)))
        case .conflict(let response):
            throw SandboxError.alreadyReplied(response)
        case .gone(let status):
            throw status == .cancelled ? SandboxError.cancelled() : SandboxError.expired()
        case .notFound:
            throw SandboxError.invalidToken()
        }
    }
}
