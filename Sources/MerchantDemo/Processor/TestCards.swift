/// The fake processor's documented test numbers (README "Test cards"):
///
/// | Card number           | Result                                   |
/// |-----------------------|------------------------------------------|
/// | 4242 4242 4242 4242   | approved                                 |
/// | 4000 0000 0000 0002   | declined                                 |
/// | 4000 0000 0000 9995   | declined: insufficient funds             |
/// | 4000 0000 0000 0119   | the processor times out (reported failed)|
/// | any other valid number| approved                                 |
public enum TestCards {
    /// The test cards, in the order the card page lists them.
    static let listed: [(number: String, result: String)] = [
        ("4242 4242 4242 4242", "succeeds"),
        ("4000 0000 0000 0002", "is declined"),
        ("4000 0000 0000 9995", "is declined for insufficient funds"),
        ("4000 0000 0000 0119", "makes the processor time out"),
    ]

    /// One sentence for a command's help: `4242 4242 4242 4242 succeeds, ...`.
    public static var sentence: String {
        "Test cards: " + listed.map { "\($0.number) \($0.result)" }.joined(separator: ", ") + "."
    }

    static func decide(_ digits: String) -> ChargeDecision {
        switch digits {
        case "4000000000000002": .declined
        case "4000000000009995": .insufficientFunds
        case "4000000000000119": .timeout
        default: .approved
        }
    }

    /// The card network, from the leading digits, as a result page shows it next to the last 4.
    static func brand(_ digits: String) -> String {
        if digits.hasPrefix("4") { return "Visa" }
        if digits.hasPrefix("34") || digits.hasPrefix("37") { return "American Express" }
        if let two = Int(digits.prefix(2)), (51...55).contains(two) { return "Mastercard" }
        if let four = Int(digits.prefix(4)), (2221...2720).contains(four) { return "Mastercard" }
        return "Card"
    }
}

/// What the (fake) card network decided for a charge.
public enum ChargeDecision: String, Sendable, Hashable, Codable {
    case approved
    case declined
    case insufficientFunds = "insufficient_funds"
    case timeout

    /// The sentence the platform records and the result page shows.
    var message: String {
        switch self {
        case .approved: "Payment approved."
        case .declined: "Your card was declined."
        case .insufficientFunds: "Your card was declined for insufficient funds."
        case .timeout: "The card processor did not answer in time, so you were not charged."
        }
    }
}
