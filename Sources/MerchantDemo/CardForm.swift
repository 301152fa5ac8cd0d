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

/// The fields of the card form, as posted (`application/x-www-form-urlencoded`).
struct CheckoutForm: Decodable, Sendable {
    var token: String?
    var key: String?
    var csrf: String?
    var name: String?
    var number: String?
    var expiry: String?
    var cvc: String?
    var tip: String?
    var partial: String?

    /// What the page shows again after an error: everything typed except the card number.
    var kept: KeptFields {
        KeptFields(name: name ?? "", expiry: expiry ?? "", cvc: cvc ?? "", tip: tip ?? "", partial: partial ?? "")
    }

    /// The last four digits of whatever was typed as a card number, for logs and events.
    var typedLast4: String {
        String((number ?? "").filter { $0.isASCII && $0.isNumber }.suffix(4))
    }
}

/// Form values redisplayed after a validation error (never the card number).
struct KeptFields: Sendable, Hashable {
    var name = ""
    var expiry = ""
    var cvc = ""
    var tip = ""
    var partial = ""
}

/// The form's inputs, by their `name` attribute.
enum FormField: String, Sendable, CaseIterable {
    case name, number, expiry, cvc, partial, tip

    var label: String {
        switch self {
        case .name: "Name on card"
        case .number: "Card number"
        case .expiry: "Expiry"
        case .cvc: "Security code"
        case .partial: "Amount to pay now"
        case .tip: "Tip"
        }
    }
}

/// Every field's mistake at once, keyed by field.
struct FormErrors: Error, Sendable, Hashable {
    let messages: [FormField: String]
}

/// A card form that passed every check, with the amount to charge.
struct ValidCheckout: Sendable {
    let card: CardNumber
    let expiry: CardExpiry
    /// What the processor charges, in minor units.
    let chargeAmount: Int64
    /// The overrides to report (nil when the customer pays exactly what was asked).
    let overrideAmount: Int64?
    let overrideLineItems: [LineItem]?
}

enum CheckoutValidation {
    /// Checks every field at once so the page can mark all mistakes in one go.
    static func validate(_ form: CheckoutForm, payment: PaymentDetails, now: Date) -> Result<ValidCheckout, FormErrors> {
        var errors: [FormField: String] = [:]
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            errors[.name] = "Enter the name as it is printed on the card."
        } else if name.count > 100 {
            errors[.name] = "Shorten the name to at most 100 characters."
        }
        var card: CardNumber?
        switch CardNumber.parse(form.number ?? "") {
        case .success(let number): card = number
        case .failure(let error): errors[.number] = error.message
        }
        var expiry: CardExpiry?
        switch CardExpiry.parse(form.expiry ?? "", now: now) {
        case .success(let value): expiry = value
        case .failure(let error): errors[.expiry] = error.message
        }
        let cvc = form.cvc ?? ""
        if !(3...4).contains(cvc.count) || !cvc.allSatisfy({ $0.isASCII && $0.isNumber }) {
            errors[.cvc] = "Enter the 3 or 4 digit security code from the card."
        }

        var partial: Int64?
        var tip: Int64 = 0
        if let currency = Currency(code: payment.currency) {
            if let typed = nonBlank(form.partial) {
                do throws(MoneyParseError) {
                    let money = try Money.parse(typed, currency: currency)
                    if money.minorUnits < 1 {
                        errors[.partial] = "Enter an amount above zero, or leave this empty to pay in full."
                    } else if money.minorUnits > payment.amount {
                        errors[.partial] = "You can pay at most \(Money(minorUnits: payment.amount, currency: currency).formatted(.symbol)) now: lower the amount."
                    } else {
                        partial = money.minorUnits
                    }
                } catch {
                    errors[.partial] = error.description
                }
            }
            if let typed = nonBlank(form.tip) {
                do throws(MoneyParseError) { tip = try Money.parse(typed, currency: currency).minorUnits } catch { errors[.tip] = error.description }
            }
        } else {
            if nonBlank(form.partial) != nil { errors[.partial] = "This payment's currency does not allow a different amount: leave this empty." }
            if nonBlank(form.tip) != nil { errors[.tip] = "This payment's currency does not allow a tip: leave this empty." }
        }

        let base = partial ?? payment.amount
        let charge = base + tip
        if errors[.tip] == nil, errors[.partial] == nil, charge > Money.maximumMinorUnits {
            errors[.tip] = "The total with the tip is over the limit: lower the tip."
        }
        guard errors.isEmpty, let card, let expiry else { return .failure(FormErrors(messages: errors)) }

        var overrideAmount: Int64?
        var overrideItems: [LineItem]?
        if charge != payment.amount {
            overrideAmount = charge
            // A tip on a fully paid order with line items is shown as one more line.
            if partial == nil, tip > 0, !payment.lineItems.isEmpty {
                overrideItems = payment.lineItems + [LineItem(name: "Tip", quantity: 1, unitAmount: tip, sku: "TIP")]
            }
        }
        return .success(ValidCheckout(card: card, expiry: expiry, chargeAmount: charge,
                                      overrideAmount: overrideAmount, overrideLineItems: overrideItems))
    }

    private static func nonBlank(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }
}
