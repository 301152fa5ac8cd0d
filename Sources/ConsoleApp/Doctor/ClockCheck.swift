import Foundation
import QuiqClient

/// This machine's clock against the platform's `Date` header.
extension SiteDoctor {
    /// Clock skew above this many seconds is a warning (`nbf`/`exp` of payment tokens).
    static let skewWarning: Double = 5
    /// Above this many, a failure: a token would be refused as not yet valid, or accepted late.
    static let skewFailure: Double = 60

    /// Compares the platform's `Date` (whole seconds) with the middle of the request.
    static func clockCheck(_ answer: ProbeAnswer?) -> DoctorCheck {
        guard let answer, let header = answer.date, let date = httpDate(header) else {
            return .skip("clock", "not checked: the platform sent no Date header")
        }
        let middle = answer.sentAt.addingTimeInterval(answer.answeredAt.timeIntervalSince(answer.sentAt) / 2)
        // The header truncates to the second: the platform's time is within [date, date + 1).
        let skew = date.addingTimeInterval(0.5).timeIntervalSince(middle)
        let size = abs(skew)
        let direction = skew > 0 ? "behind" : "ahead of"
        let fix = "synchronise this machine's clock (e.g. `timedatectl set-ntp true`): payment tokens carry nbf and exp times"
        if size <= 1.5 { return .pass("clock", "within a second of the platform's Date header") }
        let text = "this machine's clock is \(Int(size.rounded())) s \(direction) the platform's Date header"
        if size > skewFailure { return .fail("clock", text, fix: fix) }
        if size > skewWarning { return .warn("clock", text, fix: fix) }
        return .pass("clock", text + " (under \(Int(skewWarning)) s)")
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
