import Foundation
import PaymentCore

/// What the detail screen's keys do.
public enum DetailCommand: Hashable, Sendable {
    case back
    case scroll(Int)
    /// `x`: asks first, then `cancelConfirmed`.
    case cancel
    case cancelConfirmed
    /// `l`: post the short link into the conversation again (not on a read-only console).
    case resendLink
    /// `r`: the payment as a new draft.
    case reopen
    case copyShortLink
    case copyFullLink
}

/// The detail screen: which payment, and how far its lines are scrolled.
public struct DetailState: Hashable, Sendable {
    public var paymentId: String?
    public var scroll = 0

    public init(paymentId: String? = nil) {
        self.paymentId = paymentId
    }
}

/// RFC 3339 times of the platform, read for display.
enum Timestamp {
    /// `HH:MM:SS` at `offset` seconds from UTC, or the text itself when it is not a time.
    static func clock(_ text: String, offset: Int) -> String {
        RFC3339.date(text).map { StatusLine.clockText($0, offset: offset) } ?? text
    }
}
