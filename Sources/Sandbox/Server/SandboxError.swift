import HTTPTypes
import PaymentCore

/// An error the sandbox answers with API.md's one error shape. Every message is one sentence
/// that says what to do, and none ever echoes a secret.
struct SandboxError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var fields: [FieldViolation]? = nil
    var response: PaymentReplyRecord? = nil
    var headers: HTTPFields = [:]

    var body: APIErrorBody { APIErrorBody(code: code, message: message, fields: fields, response: response) }

    static func unauthorized() -> SandboxError {
        SandboxError(status: .unauthorized, code: "unauthorized",
                     message: "Send HTTP Basic auth with a valid API key identity and secret.",
                     headers: [.wwwAuthenticate: "Basic realm=\"quiq\""])
    }

    static func forbidden(role: APIKeyRole, needed: APIKeyRole) -> SandboxError {
        SandboxError(status: .forbidden, code: "forbidden",
                     message: "This \(role.rawValue) key cannot call this endpoint: use an API key with the \(needed.rawValue) role.")
    }

    static func notFound(_ what: String) -> SandboxError {
        SandboxError(status: .notFound, code: "not_found", message: what)
    }

    static func malformedJSON() -> SandboxError {
        SandboxError(status: .badRequest, code: "malformed_json",
                     message: "The request body is not valid JSON: send a JSON object as API.md describes.")
    }

    static func tooLarge() -> SandboxError {
        SandboxError(status: .contentTooLarge, code: "body_too_large",
                     message: "The request body is over 64 KiB: send a smaller body.")
    }

    static func validation(_ fields: [FieldViolation]) -> SandboxError {
        SandboxError(status: .unprocessableContent, code: "validation_failed",
                     message: "Some fields break the rules of API.md: fix the fields listed.", fields: fields)
    }

    static func invalidToken() -> SandboxError {
        SandboxError(status: .unauthorized, code: "invalid_token",
                     message: "The payment token is not valid: use the token exactly as the platform issued it.")
    }

    static func expired() -> SandboxError {
        SandboxError(status: .gone, code: "expired",
                     message: "This payment request has expired: ask the agent for a new one.")
    }

    static func cancelled() -> SandboxError {
        SandboxError(status: .gone, code: "cancelled",
                     message: "The agent cancelled this payment request: ask the agent for a new one.")
    }

    static func paymentKeyMismatch() -> SandboxError {
        SandboxError(status: .forbidden, code: "payment_key_mismatch",
                     message: "The X-Quiq-Payment-Key header is missing or wrong: send the Payment Key registered in the settings.")
    }

    static func locked(retryAfterSeconds: Int64) -> SandboxError {
        SandboxError(status: .tooManyRequests, code: "too_many_attempts",
                     message: "Too many wrong Payment Keys for this payment: wait \(max(1, (retryAfterSeconds + 59) / 60)) minutes before replying again.",
                     headers: [.retryAfter: String(max(1, retryAfterSeconds))])
    }

    static func alreadyReplied(_ response: PaymentReplyRecord) -> SandboxError {
        SandboxError(status: .conflict, code: "already_replied",
                     message: "This payment already has a result, shown in response: the first reply stands.",
                     response: response)
    }

    static func notActive(_ status: PaymentStatus) -> SandboxError {
        SandboxError(status: .conflict, code: "not_active",
                     message: "The payment is already \(status.rawValue): only a pending or opened payment can be cancelled.")
    }

    static func notConfigured() -> SandboxError {
        SandboxError(status: .conflict, code: "not_configured",
                     message: "No Payment Collection URL is configured: an admin must set it with PUT /api/v1/payments/settings.")
    }

    static func idempotencyMismatch() -> SandboxError {
        SandboxError(status: .unprocessableContent, code: "idempotency_mismatch",
                     message: "This Idempotency-Key was already used with a different body: use a new key for a new payment.")
    }

    static func cursorExpired() -> SandboxError {
        SandboxError(status: .gone, code: "cursor_expired",
                     message: "This changes cursor is older than the feed keeps, or from another sandbox: read the list again from changedSince=0.")
    }

    static func internalError() -> SandboxError {
        SandboxError(status: .internalServerError, code: "internal_error",
                     message: "The sandbox failed to handle this request: try again, and report it with the X-Request-Id if it persists.")
    }
}
