import Foundation

/// A template's `key`, with placeholders for what changes from one payment to the next:
/// `deposit-{date}-{time}` becomes `deposit-20261201-143005`. The time is the agent's local
/// time (the offset is passed in, so the expansion is pure and the same in Compose and `send`).
public enum KeyPattern {
    /// Each placeholder and the number of digits it becomes.
    static let placeholders: [String: Int] = ["{date}": 8, "{time}": 6]

    /// `pattern` with its placeholders filled for `date` at `utcOffsetSeconds` from UTC.
    public static func expand(_ pattern: String, at date: Date, utcOffsetSeconds: Int) -> String {
        guard pattern.contains("{") else { return pattern }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: utcOffsetSeconds) ?? TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func digits(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let day = digits(parts.year, 4) + digits(parts.month, 2) + digits(parts.day, 2)
        let time = digits(parts.hour, 2) + digits(parts.minute, 2) + digits(parts.second, 2)
        return pattern.replacingOccurrences(of: "{date}", with: day).replacingOccurrences(of: "{time}", with: time)
    }

    /// What is wrong with `pattern` as a key once expanded, as the end of a sentence, or nil.
    public static func problem(in pattern: String) -> String? {
        var literal = pattern
        var expandedLength = 0
        for (placeholder, width) in placeholders {
            let count = literal.components(separatedBy: placeholder).count - 1
            expandedLength += count * width
            literal = literal.replacingOccurrences(of: placeholder, with: "")
        }
        expandedLength += literal.count
        if literal.contains("{") || literal.contains("}") {
            return "the only placeholders are {date} and {time}: change “\(pattern)”."
        }
        if !literal.allSatisfy(PaymentRules.isKeyCharacter) || !PaymentRules.keyLength.contains(expandedLength) {
            return "a key has 1 to 128 of the characters A-Z a-z 0-9 . _ ~ -, with {date} and {time} as placeholders: change “\(pattern)”."
        }
        return nil
    }
}
