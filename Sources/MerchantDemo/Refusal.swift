import Hummingbird
import PaymentCore

/// Why the Client will not show the payment page or charge a card, with the HTTP status and the one
/// sentence the page shows. No case carries a secret, a token or a card number.
enum Refusal: Error, Sendable {
    case missingToken
    case invalidToken
    case tokenNotYetValid
    case expired
    case keyMismatch
    case unknownPayment
    case cancelled
    /// Paid or failed already; the page shows the recorded result.
    case alreadyFinished(PaymentMessage)
    case foreignForm
    case bodyTooLarge
    case platformUnavailable
    /// The platform refused our own credentials or Payment Key: an operator must fix the set-up.
    case misconfigured
    /// The processor refused the Client's secret key: an operator must fix the set-up.
    case processorMisconfigured
    case rateLimited
    case notFound
    /// The browser came back from the processor with a session this Client does not know.
    case unknownSession
    /// The processor refused the payment-method token (used, expired, or for another amount).
    case cardEntryRejected
    /// The processor did not answer usably; nothing is known to be charged.
    case processorUnavailable
    /// A bug or an unexpected answer; the details go to the log, not the page.
    case unexpected

    var status: HTTPResponse.Status {
        switch self {
        case .missingToken: .badRequest
        case .invalidToken, .tokenNotYetValid, .keyMismatch, .foreignForm: .forbidden
        case .expired, .cancelled: .gone
        case .unknownPayment, .notFound: .notFound
        case .unknownSession: .badRequest
        case .cardEntryRejected: .conflict
        case .processorUnavailable: .badGateway
        case .alreadyFinished: .conflict
        case .bodyTooLarge: .contentTooLarge
        case .platformUnavailable, .misconfigured, .processorMisconfigured: .badGateway
        case .rateLimited: .serviceUnavailable
        case .unexpected: .internalServerError
        }
    }

    /// A short code for events and logs.
    var code: String {
        switch self {
        case .missingToken: "missing_token"
        case .invalidToken: "invalid_token"
        case .tokenNotYetValid: "token_not_yet_valid"
        case .expired: "expired"
        case .keyMismatch: "key_mismatch"
        case .unknownPayment: "unknown_payment"
        case .cancelled: "cancelled"
        case .alreadyFinished(let message): "already_\(message.status.rawValue)"
        case .foreignForm: "foreign_form"
        case .bodyTooLarge: "body_too_large"
        case .platformUnavailable: "platform_unavailable"
        case .misconfigured: "misconfigured"
        case .processorMisconfigured: "processor_misconfigured"
        case .rateLimited: "rate_limited"
        case .notFound: "not_found"
        case .unknownSession: "unknown_session"
        case .cardEntryRejected: "card_entry_rejected"
        case .processorUnavailable: "processor_unavailable"
        case .unexpected: "unexpected"
        }
    }

    var title: String {
        switch self {
        case .missingToken, .invalidToken, .tokenNotYetValid, .keyMismatch: "This payment link is not valid"
        case .expired: "This payment request has expired"
        case .unknownPayment: "Payment not found"
        case .cancelled: "This payment request was cancelled"
        case .alreadyFinished(let message): message.status == .paid ? "This payment is already complete" : "This payment has already failed"
        case .foreignForm: "This form does not belong to this payment"
        case .bodyTooLarge: "The form was too large"
        case .platformUnavailable: "We could not load your payment"
        case .misconfigured, .processorMisconfigured: "This payment page is not set up correctly"
        case .rateLimited: "Too many attempts"
        case .notFound: "Page not found"
        case .unknownSession: "This checkout has ended"
        case .cardEntryRejected: "The card entry was not accepted"
        case .processorUnavailable: "The card processor did not answer"
        case .unexpected: "Something went wrong"
        }
    }

    /// One sentence saying what happened and what to do.
    var reason: String {
        switch self {
        case .missingToken: "The link is missing its payment token: open the payment link from your conversation again."
        case .invalidToken: "The link's payment token is not one Quiq issued: open the payment link from your conversation again, or ask the agent for a new one."
        case .tokenNotYetValid: "The link's payment token is not valid yet: wait a minute and reload the page."
        case .expired: "The time to pay has run out: ask the agent in your conversation for a new payment link."
        case .keyMismatch: "The link has been altered: open the payment link from your conversation again."
        case .unknownPayment: "Quiq has no payment for this link: ask the agent in your conversation for a new payment link."
        case .cancelled: "The agent withdrew this payment request, so there is nothing to pay: ask the agent if you still want to pay."
        case .alreadyFinished(let message):
            message.status == .paid
                ? "This payment was already made, so there is nothing more to pay: you can close this page."
                : "A payment attempt for this request already failed: ask the agent in your conversation for a new payment link."
        case .foreignForm: "The form you sent was not issued for this payment: open the payment link again and fill in the form there."
        case .bodyTooLarge: "The form you sent is larger than any payment form: reload the page and send it again."
        case .platformUnavailable: "Quiq did not answer in time: wait a minute and reload the page; you have not been charged."
        case .misconfigured: "The merchant's connection to Quiq is refused: let the agent in your conversation know; you have not been charged."
        case .processorMisconfigured: "The merchant's connection to its card processor is refused: let the agent in your conversation know; you have not been charged."
        case .rateLimited: "There were too many attempts for this payment: wait 15 minutes and reload the page."
        case .notFound: "There is no page at this address: open the payment link from your conversation."
        case .unknownSession: "This checkout is older than an hour or was never started here: open the payment link from your conversation again."
        case .cardEntryRejected: "The card entry was already used, has expired or was for another amount: open the payment link again and enter the card again; you have not been charged."
        case .processorUnavailable: "The card processor did not answer: wait a minute and reload this page; you have not been charged."
        case .unexpected: "The payment page hit an unexpected error: reload the page in a minute, and tell the agent if it happens again."
        }
    }

    /// The refusal for a token that failed verification.
    init(_ rejection: TokenRejection) {
        switch rejection {
        case .expired: self = .expired
        case .notYetValid: self = .tokenNotYetValid
        case .keysUnavailable: self = .platformUnavailable
        case .malformed, .wrongAlgorithm, .unknownKey, .badSignature, .wrongAudience, .wrongIssuer: self = .invalidToken
        }
    }

    /// The refusal when the platform will not return the payment for a token whose signature
    /// we verified: a genuine token the platform does not know names an unknown payment.
    init(readingVerifiedToken error: PlatformError) {
        if case .status(401, let body) = error, body?.error.code == "invalid_token" {
            self = .unknownPayment
        } else {
            self.init(error)
        }
    }

    /// The refusal for a platform answer other than the payment (API.md's statuses).
    init(_ error: PlatformError) {
        switch error {
        case .unreachable, .undecodable: self = .platformUnavailable
        case .status(let status, let body):
            switch status {
            case 401 where body?.error.code == "invalid_token": self = .invalidToken
            case 401, 403: self = .misconfigured
            case 404: self = .unknownPayment
            case 410: self = body?.error.code == "cancelled" ? .cancelled : .expired
            case 429: self = .rateLimited
            default: self = .platformUnavailable
            }
        }
    }
}
