import Foundation
import PaymentCore

/// A card number that passed the Luhn check: digits only. Its `description` is masked so that
/// interpolating it into a log line by mistake still shows only the last four digits.
struct CardNumber: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    let digits: String

    var last4: String { String(digits.suffix(4)) }
    var description: String { "•••• \(last4)" }
    var customMirror: Mirror { Mirror(self, children: ["last4": last4]) }

    /// Spaces and dashes between digit groups are allowed, as people type them.
    static func parse(_ typed: String) -> Result<CardNumber, FieldError> {
        let compact = typed.filter { $0 != " " && $0 != "-" }
        if compact.isEmpty { return .failure(FieldError("Enter the card number.")) }
        guard compact.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(FieldError("Use only digits in the card number."))
        }
        guard (12...19).contains(compact.count) else {
            return .failure(FieldError("A card number has 12 to 19 digits: check that none is missing."))
        }
        guard luhnValid(compact) else {
            return .failure(FieldError("This card number is not valid: check it for a typo."))
        }
        return .success(CardNumber(digits: compact))
    }

    static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { return false }
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}

/// The card's expiry month, valid through the last day of that month.
struct CardExpiry: Sendable, Hashable {
    let month: Int
    let year: Int

    /// `MM/YY` (spaces around the slash allowed); must not be in the past.
    static func parse(_ typed: String, now: Date) -> Result<CardExpiry, FieldError> {
        let text = typed.filter { $0 != " " }
        if text.isEmpty { return .failure(FieldError("Enter the expiry date as MM/YY.")) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let month = Int(parts[0]), let shortYear = Int(parts[1]),
              parts.joined().allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(FieldError("Enter the expiry date as MM/YY, for example 04/29."))
        }
        guard (1...12).contains(month) else {
            return .failure(FieldError("The expiry month must be 01 to 12."))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let today = calendar.dateComponents([.year, .month], from: now)
        let currentYear = today.year ?? 2000
        let currentMonth = today.month ?? 1
        let year = (currentYear / 100) * 100 + shortYear
        if (year, month) < (currentYear, currentMonth) {
            return .failure(FieldError("This card has expired: use a card whose expiry date is in the future."))
        }
        if year > currentYear + 20 {
            return .failure(FieldError("The expiry year is more than 20 years ahead: check the date."))
        }
        return .success(CardExpiry(month: month, year: year))
    }
}

/// One sentence under a field saying what to fix.
struct FieldError: Error, Sendable, Hashable {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The fields of the processor's card page, as posted (`application/x-www-form-urlencoded`):
/// the entry it was opened for, its CSRF token, and the card.
struct CardForm: Decodable, Sendable {
    var key: String?
    var payment: String?
    var amount: String?
    var currency: String?
    var `return`: String?
    var csrf: String?
    var name: String?
    var number: String?
    var expiry: String?
    var cvc: String?

    /// What the page shows again after an error: the name and expiry, never the number or CVC.
    var kept: [String: String] { ["name": name ?? "", "expiry": expiry ?? ""] }

    /// The last four digits of whatever was typed as a card number, for logs.
    var typedLast4: String {
        String((number ?? "").filter { $0.isASCII && $0.isNumber }.suffix(4))
    }
}

/// The card page's inputs, by their `name` attribute.
enum CardField: String, Sendable, CaseIterable {
    case name, number, expiry, cvc

    var label: String {
        switch self {
        case .name: "Name on card"
        case .number: "Card number"
        case .expiry: "Expiry"
        case .cvc: "Security code"
        }
    }
}

/// Every mistake of a form at once, keyed by the input's `name`.
struct FormErrors: Error, Sendable, Hashable {
    let messages: [String: String]
}

enum CardValidation {
    /// Checks every card field at once so the page can mark all mistakes in one go.
    static func validate(_ form: CardForm, now: Date) -> Result<CardNumber, FormErrors> {
        var errors: [String: String] = [:]
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            errors["name"] = "Enter the name as it is printed on the card."
        } else if name.count > 100 {
            errors["name"] = "Shorten the name to at most 100 characters."
        }
        var card: CardNumber?
        switch CardNumber.parse(form.number ?? "") {
        case .success(let number): card = number
        case .failure(let error): errors["number"] = error.message
        }
        if case .failure(let error) = CardExpiry.parse(form.expiry ?? "", now: now) { errors["expiry"] = error.message }
        let cvc = form.cvc ?? ""
        if !(3...4).contains(cvc.count) || !cvc.allSatisfy({ $0.isASCII && $0.isNumber }) {
            errors["cvc"] = "Enter the 3 or 4 digit security code from the card."
        }
        guard errors.isEmpty, let card else { return .failure(FormErrors(messages: errors)) }
        return .success(card)
    }
}
