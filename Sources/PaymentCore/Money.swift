/// An amount of money: an integer count of the currency's minor unit, never a floating point.
public struct Money: Hashable, Sendable, Codable {
    /// Count of minor units (cents for USD, yen for JPY, fils for KWD).
    public let minorUnits: Int64
    public let currency: Currency

    /// The largest amount the platform accepts, in minor units (API.md).
    public static let maximumMinorUnits: Int64 = 99_999_999

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// How to write an amount for people.
    public enum Style: Sendable {
        /// `USD 1,250.00`: unambiguous, the default everywhere in the console.
        case code
        /// `$1,250.00` where the currency has an unambiguous symbol, else as `.code`.
        case symbol
        /// `1250.00`: no grouping, no currency; what an edit field starts from.
        case plain
    }

    /// Formats independently of the machine's locale: `.` for decimals, `,` for thousands.
    public func formatted(_ style: Style = .code) -> String {
        guard currency.isListed else { return "\(minorUnits) minor units of \(currency.code)" }
        let number = Money.number(minorUnits.magnitude, exponent: currency.exponent, grouped: style != .plain)
        let sign = minorUnits < 0 ? "-" : ""
        switch style {
        case .plain: return sign + number
        case .code: return "\(currency.code) \(sign)\(number)"
        case .symbol:
            guard let symbol = currency.symbol else { return "\(currency.code) \(sign)\(number)" }
            return sign + symbol + number
        }
    }

    /// `magnitude` minor units as digits with `exponent` decimals, the whole part grouped in
    /// threes when `grouped`. Written as bytes from the right: the board formats every amount
    /// of 100,000 payments when it opens.
    private static func number(_ magnitude: UInt64, exponent: Int, grouped: Bool) -> String {
        // 20 digits, 6 commas and a point at most.
        let capacity = 32
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var start = capacity
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            var rest = magnitude
            for _ in 0..<exponent {
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            }
            if exponent > 0 { put(UInt8(ascii: ".")) }
            var written = 0
            repeat {
                if grouped, written > 0, written % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
                written += 1
            } while rest > 0
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<capacity]), as: UTF8.self)
        }
    }

    /// Reads what a person typed as an amount of `currency`, strictly: the digits may be
    /// grouped by commas in threes, the decimals may not exceed the currency's exponent,
    /// and a leading code or symbol, if any, must be this currency's.
    public static func parse(_ text: String, currency: Currency) throws(MoneyParseError) -> Money {
        var rest = Substring(text.trimmingSpaces())
        if rest.isEmpty { throw .empty }
        if rest.uppercased().hasPrefix(currency.code) {
            rest = rest.dropFirst(currency.code.count).drop(while: { $0 == " " })
        } else if let symbol = currency.symbol, rest.hasPrefix(symbol) {
            rest = rest.dropFirst(symbol.count)
        } else if let first = rest.first, first.isLetter, rest.prefix(3).allSatisfy(\.isLetter),
                  let other = Currency(code: String(rest.prefix(3))) {
            throw .currencyMismatch(found: other.code, expected: currency.code)
        }
        if rest.first == "-" || rest.first == "−" { throw .negative }
        if rest.first == "+" { rest = rest.dropFirst() }
        if rest.isEmpty { throw .empty }

        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .notANumber(text.trimmingSpaces()) }
        let integerPart = parts[0]
        let fractionPart = parts.count == 2 ? parts[1] : ""
        guard !integerPart.isEmpty || !fractionPart.isEmpty,
              integerPart.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }),
              fractionPart.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .notANumber(text.trimmingSpaces())
        }
        if parts.count == 2, fractionPart.isEmpty { throw .notANumber(text.trimmingSpaces()) }
        if integerPart.contains(",") {
            let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
            let wellGrouped = (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
            guard wellGrouped else { throw .misplacedGrouping }
        }
        if fractionPart.count > currency.exponent { throw .tooManyDecimals(allowed: currency.exponent, currency: currency.code) }

        let digits = integerPart.filter { $0 != "," } + fractionPart + String(repeating: "0", count: currency.exponent - fractionPart.count)
        let significant = digits.drop(while: { $0 == "0" })
        let limit = String(maximumMinorUnits)
        guard significant.count <= limit.count, let value = Int64(significant.isEmpty ? "0" : String(significant)),
              value <= maximumMinorUnits else {
            throw .tooLarge(maximum: Money(minorUnits: maximumMinorUnits, currency: currency).formatted())
        }
        return Money(minorUnits: value, currency: currency)
    }
}

/// Why a typed amount was refused; each case reads as one sentence that says what to do.
public enum MoneyParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notANumber(String)
    case negative
    case misplacedGrouping
    case tooManyDecimals(allowed: Int, currency: String)
    case tooLarge(maximum: String)
    case currencyMismatch(found: String, expected: String)

    public var description: String {
        switch self {
        case .empty: "Enter an amount, for example 125.50."
        case .notANumber(let text): "“\(text)” is not an amount: use digits and one decimal point, for example 1,250.00."
        case .negative: "An amount cannot be negative: enter what the customer pays."
        case .misplacedGrouping: "Thousands separators must group digits in threes, as in 1,250,000.00: fix or remove the commas."
        case .tooManyDecimals(0, let code): "\(code) has no minor unit: enter a whole number."
        case .tooManyDecimals(let allowed, let code): "\(code) allows at most \(allowed) decimal\(allowed == 1 ? "" : "s"): round the amount."
        case .tooLarge(let maximum): "The amount is over the platform's limit of \(maximum): split the payment."
        case .currencyMismatch(let found, let expected): "The amount is in \(found) but the payment is in \(expected): change the currency or the amount."
        }
    }
}
