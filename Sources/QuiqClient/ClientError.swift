import PaymentCore

/// Why a call to the platform failed. Each case renders as one sentence that says what to do,
/// and none ever carries a secret: URLs are shown without credentials and only the identity
/// variable's name, never its value, is mentioned.
public enum QuiqClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 401: the API key is wrong or missing; `hint` says where the key came from.
    case unauthorized(hint: String)
    /// 403: the key's role does not cover the operation (or the Payment Key was wrong).
    case forbidden(operation: Operation, message: String)
    /// 404 on an addressed resource: `what` names it ("payment 5b0c...").
    case notFound(what: String)
    /// 404/405 on the operation itself: the platform does not offer it at this path.
    case unsupported(operation: Operation, endpoint: String, status: Int)
    /// Any other refusal (409, 410, 413, 422, 400): the platform's code and sentence.
    case rejected(status: Int, code: String, message: String, fields: [FieldViolation])
    /// 429 after the retries allowed: wait this long (if the platform said).
    case rateLimited(retryAfter: Double?)
    /// No connection could be made or it broke; `retryIn` is set while a retry is pending.
    case unreachable(baseURL: String, reason: String, retryIn: Double?)
    /// No answer within the per-request timeout.
    case timedOut(baseURL: String, seconds: Double)
    /// A 5xx after the retries allowed.
    case serverError(baseURL: String, status: Int)
    /// An answer that is not API.md's shape.
    case invalidResponse(baseURL: String, detail: String)
    /// The site's TLS certificate was refused: not retried, nothing was sent.
    case certificate(baseURL: String, problem: CertificateProblem)

    public var description: String {
        switch self {
        case .unauthorized(let hint):
            "Quiq rejected the API key: \(hint)."
        case .forbidden(let operation, let message):
            "Quiq refused to \(operation.verb) (\(message)): use an API key whose role allows it."
        case .notFound(let what):
            "Quiq has no \(what): check the id."
        case .unsupported(let operation, let endpoint, let status):
            "The platform does not offer \(operation.verb) at \(endpoint) (HTTP \(status)): set its path under endpoints.\(operation.rawValue) in config.yaml."
        case .rejected(_, let code, let message, let fields):
            fields.isEmpty
                ? "Quiq refused: \(message.trimmedSentence) (\(code))."
                : "Quiq refused: " + fields.map { "\($0.field): \($0.message.trimmedSentence)" }.joined(separator: "; ") + "."
        case .rateLimited(let retryAfter):
            "Quiq is rate-limiting this API key: wait \(retryAfter.map(Self.seconds) ?? "a minute") and try again."
        case .unreachable(let baseURL, let reason, let retryIn):
            if let retryIn {
                "The platform is unreachable at \(baseURL) (\(reason)): retrying in \(Self.seconds(retryIn))."
            } else {
                "The platform is unreachable at \(baseURL) (\(reason)): check the address and that it is running."
            }
        case .timedOut(let baseURL, let seconds):
            "The platform at \(baseURL) did not answer within \(Self.seconds(seconds)): try again, or raise timeoutSeconds in config.yaml."
        case .serverError(let baseURL, let status):
            "The platform at \(baseURL) failed with HTTP \(status): try again in a minute."
        case .invalidResponse(let baseURL, let detail):
            "The platform at \(baseURL) answered something quiqpay cannot read (\(detail)): check that QUIQ_SITE points at Quiq."
        case .certificate(let baseURL, .untrusted(let trusted)):
            "The site's certificate at \(baseURL) is not signed by a CA quiqpay trusts (it trusts \(trusted)): set QUIQ_CA_FILE to its CA, or caFile in config.yaml."
        case .certificate(let baseURL, .expired):
            "The site's certificate at \(baseURL) has expired or is not valid yet: renew it on the server, or check this machine's clock."
        case .certificate(let baseURL, .wrongHost(let host)):
            "The site's certificate at \(baseURL) is not issued for \(host): use a name the certificate names in QUIQ_SITE, or reissue it for \(host)."
        case .certificate(let baseURL, .handshake(let reason)):
            "No secure connection could be made to \(baseURL) (\(reason)): check that the site serves HTTPS there, or use http:// for a plain sandbox."
        }
    }

    /// True when the platform could not be reached or was not itself (exit code 3);
    /// false when it answered and said no (exit code 1).
    public var isUnreachable: Bool {
        switch self {
        case .unreachable, .timedOut, .serverError, .certificate: true
        default: false
        }
    }

    /// The HTTP status the platform answered with, if it answered.
    public var status: Int? {
        switch self {
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .unsupported(_, _, let status), .rejected(let status, _, _, _), .serverError(_, let status): status
        case .rateLimited: 429
        case .unreachable, .timedOut, .invalidResponse, .certificate: nil
        }
    }

    /// `8 s`, `1.5 s`, `2 min`.
    static func seconds(_ value: Double) -> String {
        if value >= 120 { return "\(Int((value / 60).rounded())) min" }
        if value >= 10 || value == value.rounded() { return "\(Int(value.rounded())) s" }
        return "\((value * 10).rounded() / 10) s"
    }
}

extension Operation {
    /// What the operation does, as the object of a sentence ("Quiq refused to cancel a payment").
    public var verb: String {
        switch self {
        case .createPayment: "create a payment request"
        case .listConversationPayments: "list a conversation's payments"
        case .listPayments: "list payment requests"
        case .listPaymentChanges: "list what changed among payment requests"
        case .getPayment: "read a payment"
        case .cancelPayment: "cancel a payment"
        case .resendLink: "resend a payment's link"
        case .getConversation: "read a conversation"
        case .getSettings: "read the payment settings"
        case .putSettings: "change the payment settings"
        case .health: "answer its health check"
        }
    }
}

extension String {
    /// A platform sentence without its final full stop, to embed in ours.
    var trimmedSentence: String {
        var text = Substring(self)
        while let last = text.last, last == "." || last == " " { text = text.dropLast() }
        return String(text)
    }
}
