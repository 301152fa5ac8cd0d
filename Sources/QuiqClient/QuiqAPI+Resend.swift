import Foundation
import PaymentCore

/// Why a payment's link could not be posted again; each case is one sentence saying what to do.
public enum ResendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `409 not_active`: the payment is over, so its link no longer works.
    case notActive(message: String)
    /// `429`: the link was resent less than a minute ago; again in this many seconds (if said).
    case tooSoon(retryAfter: Double?)
    /// Anything else the call can fail with.
    case failed(QuiqClientError)

    public var description: String {
        switch self {
        case .notActive(let message):
            "Quiq did not resend the link: \(message.trimmedSentence)."
        case .tooSoon(let retryAfter):
            "The link was resent less than a minute ago: resend it again in \(retryAfter.map(QuiqClientError.seconds) ?? "a minute")."
        case .failed(let error):
            error.description
        }
    }

    /// The underlying client error, for exit codes (unreachable or refused).
    public var clientError: QuiqClientError {
        switch self {
        case .notActive(let message): .rejected(status: 409, code: "not_active", message: message, fields: [])
        case .tooSoon(let retryAfter): .rateLimited(retryAfter: retryAfter)
        case .failed(let error): error
        }
    }
}

extension QuiqAPI {
    /// Posts the payment's short link into its conversation again: the same link, no new
    /// payment and no new token. Answers the payment as it is now (its timeline ends with
    /// `link resent`). A `429` is not waited out: it says when to try again.
    public func resendLink(id: String) async throws(ResendError) -> PaymentMessage {
        do throws(QuiqClientError) {
            let response = try await send(.resendLink, ["id": id], body: Data(), context: "payment \(id)")
            return try decode(PaymentMessage.self, response)
        } catch .rejected(409, "not_active", let message, _) {
            throw .notActive(message: message)
        } catch .rateLimited(let retryAfter) {
            throw .tooSoon(retryAfter: retryAfter)
        } catch {
            throw .failed(error)
        }
    }
}
