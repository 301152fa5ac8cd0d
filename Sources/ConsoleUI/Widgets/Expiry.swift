import Foundation
import PaymentCore

/// When a payment's link stops working, as an agent reads it: a countdown and the local time,
/// with the day whenever it is not today (`expires in 23 h 59 min, tomorrow 12:30`).
enum Expiry {
    /// Within this many seconds of its expiry a payment is drawn in the warning role.
    static let warningSeconds: TimeInterval = 600

    /// Whether `expiresAt` is close enough to warn about (and not past).
    static func isSoon(_ expiresAt: Date, now: Date) -> Bool {
        let left = expiresAt.timeIntervalSince(now)
        return left > 0 && left <= warningSeconds
    }

    /// `in 23 h 59 min`, `in 4 min`, `in 30 s`, `2 d 3 h`; `expired 5 min ago` once past.
    static func countdown(_ expiresAt: Date, now: Date) -> String {
        let left = expiresAt.timeIntervalSince(now)
        if left <= 0 { return "expired " + span(-left) + " ago" }
        return "in " + span(left)
    }

    /// `12:30` today, `tomorrow 12:30`, `yesterday 12:30`, else `Wed 3 Dec 12:30` (and the year
    /// when it is not this one), in the console's time zone.
    static func clock(_ date: Date, now: Date, offset: Int) -> String {
        let day = localDay(date, offset: offset), today = localDay(now, offset: offset)
        let seconds = Int((date.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let minutes = ((seconds % 86_400) + 86_400) % 86_400 / 60
        let time = Digits.padded(minutes / 60) + ":" + Digits.padded(minutes % 60)
        switch day - today {
        case 0: return time
        case 1: return "tomorrow " + time
        case -1: return "yesterday " + time
        default:
            let (year, month, dayOfMonth) = civil(day)
            let (thisYear, _, _) = civil(today)
            let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((day % 7) + 7) % 7)]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(weekday) \(dayOfMonth) \(months[Int(month) - 1])" + (year == thisYear ? "" : " \(year)") + " " + time
        }
    }

    /// The detail's line: `expires in 23 h 59 min, tomorrow 12:30`.
    static func sentence(_ expiresAt: Date, now: Date, offset: Int) -> String {
        let left = expiresAt.timeIntervalSince(now)
        let when = clock(expiresAt, now: now, offset: offset)
        return left <= 0 ? "expired \(when) (\(span(-left)) ago)" : "expires \(countdown(expiresAt, now: now)), \(when)"
    }

    /// A time with its date, for token claims: `12:30:40, tomorrow` or `2026-12-02 12:30:40`.
    static func stamp(_ date: Date, now: Date, offset: Int) -> String {
        let seconds = Int((date.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let (year, month, day) = civil(localDay(date, offset: offset))
        let s = ((seconds % 86_400) + 86_400) % 86_400
        return Digits.padded(year, width: 4) + "-" + Digits.padded(month) + "-" + Digits.padded(day) + " " + Digits.clock(secondOfDay: s)
    }

    private static func span(_ seconds: TimeInterval) -> String {
        let s = Int(seconds)
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        if s < 86_400 { return "\(s / 3600) h \(s % 3600 / 60) min" }
        return "\(s / 86_400) d \(s % 86_400 / 3600) h"
    }

    private static func localDay(_ date: Date, offset: Int) -> Int64 {
        let seconds = Int64((date.timeIntervalSince1970 + Double(offset)).rounded(.down))
        return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }

    private static func civil(_ days: Int64) -> (Int64, Int64, Int64) { RFC3339.civil(days: days) }
}
