/// Expiry as people write it: `90s`, `30m`, `24h`, `7d`, or a bare number of seconds.
public enum ExpiryDuration {
    /// Seconds for `text`, within API.md's 1 minute ... 7 days.
    public static func seconds(from text: String) throws(ExpiryDurationError) -> Int {
        let trimmed = text.trimmingSpaces().lowercased()
        guard let last = trimmed.last else { throw .empty }
        let multiplier: Int
        var digits = Substring(trimmed)
        switch last {
        case "s": multiplier = 1; digits = digits.dropLast()
        case "m": multiplier = 60; digits = digits.dropLast()
        case "h": multiplier = 3_600; digits = digits.dropLast()
        case "d": multiplier = 86_400; digits = digits.dropLast()
        default: multiplier = 1
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 7,
              let count = Int(digits) else { throw .notADuration(text.trimmingSpaces()) }
        let seconds = count * multiplier
        guard PaymentRules.expiresInSeconds.contains(seconds) else { throw .outOfRange }
        return seconds
    }

    /// The shortest exact spelling of `seconds` (`86400` -> `24h`... `1d`).
    public static func text(for seconds: Int) -> String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}

/// Why an expiry was refused.
public enum ExpiryDurationError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case notADuration(String)
    case outOfRange

    public var description: String {
        switch self {
        case .empty: "Enter an expiry such as 24h, or leave it empty for the platform's default."
        case .notADuration(let text): "“\(text)” is not a duration: write it as 90s, 30m, 24h or 7d."
        case .outOfRange: "Choose an expiry between 1 minute and 7 days."
        }
    }
}
