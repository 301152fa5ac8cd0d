import Hummingbird
import PaymentCore

/// `POST /api/v1/payment-requests/{id}/resend` (docs/API.md §6.5a): the same short link posted
/// into the conversation again, for a customer who lost it. No new payment and no new token.
extension SandboxAPI {
    func resend(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .agent)
        let id = try uuidParameter(context, "id", what: "payment request")
        let now = clock.nowMilliseconds()
        guard let current = try await store.lookup(id: id) else { throw SandboxError.notFound(Self.unknownPayment) }
        switch try await store.resend(id: id, shortUrl: baseURL + "/p/" + current.shortCode, now: now) {
        case .resent(let record):
            context.logger.info("payment link resent", metadata: ["payment.id": "\(id)"])
            return JSONCoding.response(data: try agentView(of: record).body)
        case .notActive(let status):
            throw SandboxError.notActiveForResend(status)
        case .tooSoon(let seconds):
            throw SandboxError.resentTooSoon(retryAfterSeconds: seconds)
        case .notFound:
            throw SandboxError.notFound(Self.unknownPayment)
        }
    }

    private static let unknownPayment = "No payment request has this id: check it against the list of payment requests."
}

extension SandboxError {
    static func notActiveForResend(_ status: PaymentStatus) -> SandboxError {
        SandboxError(status: .conflict, code: "not_active",
                     message: "The payment is already \(status.rawValue): only a pending or opened payment's link can be resent.")
    }

    static func resentTooSoon(retryAfterSeconds: Int64) -> SandboxError {
        SandboxError(status: .tooManyRequests, code: "too_soon",
                     message: "This payment's link was resent less than a minute ago: wait \(retryAfterSeconds) s before resending it.",
                     headers: [.retryAfter: String(retryAfterSeconds)])
    }
}
