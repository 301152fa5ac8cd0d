import Foundation
import PaymentCore

/// The fields of the Client's payment page, as posted: the token, the mirrored key, the CSRF
/// token and the optional tip or partial amount. No card field: the card goes to the processor.
struct CheckoutForm: Decodable, Sendable {
    var token: String?
    var key: String?
    var csrf: String?
    var tip: String?
    var partial: String?

    /// What the page shows again after an error.
    var kept: [String: String] { ["tip": tip ?? "", "partial": partial ?? ""] }
}

/// The page's amount inputs, by their `name` attribute.
enum AmountField: String, Sendable, CaseIterable {
    case partial, tip

    var label: String {
        switch self {
        case .partial: "Amount to pay now"
        case .tip: "Tip"
        }
    }
}

/// The amount to have the card charged, and the line items to report when it differs from the request.
struct ValidCheckout: Sendable, Hashable {
    /// What the processor charges, in minor units; reported as the amount when it is not the request's.
    let chargeAmount: Int64
    /// The line items to report with a tip (nil when they stay the request's).
    let overrideLineItems: [LineItem]?
}

enum CheckoutValidation {
    /// Checks the tip and the partial amount against the payment's override rules.
    static func validate(_ form: CheckoutForm, payment: PaymentDetails) -> Result<ValidCheckout, FormErrors> {
        var errors: [String: String] = [:]
        var partial: Int64?
        var tip: Int64 = 0
        if let currency = Currency(code: payment.currency) {
            if let typed = nonBlank(form.partial) {
                do throws(MoneyParseError) {
                    let money = try Money.parse(typed, currency: currency)
                    if money.minorUnits < 1 {
                        errors["partial"] = "Enter an amount above zero, or leave this empty to pay in full."
                    } else if money.minorUnits > payment.amount {
                        errors["partial"] = "You can pay at most \(Money(minorUnits: payment.amount, currency: currency).formatted(.symbol)) now: lower the amount."
                    } else {
                        partial = money.minorUnits
                    }
                } catch {
                    errors["partial"] = error.description
                }
            }
            if let typed = nonBlank(form.tip) {
                do throws(MoneyParseError) { tip = try Money.parse(typed, currency: currency).minorUnits } catch { errors["tip"] = error.description }
            }
        } else {
            if nonBlank(form.partial) != nil { errors["partial"] = "This payment's currency does not allow a different amount: leave this empty." }
            if nonBlank(form.tip) != nil { errors["tip"] = "This payment's currency does not allow a tip: leave this empty." }
        }

        let base = partial ?? payment.amount
        let charge = base + tip
        if errors["tip"] == nil, errors["partial"] == nil, charge > Money.maximumMinorUnits {
            errors["tip"] = "The total with the tip is over the limit: lower the tip."
        }
        guard errors.isEmpty else { return .failure(FormErrors(messages: errors)) }

        var overrideItems: [LineItem]?
        if charge != payment.amount {
            // A tip on a fully paid order with line items is shown as one more line.
            if partial == nil, tip > 0, !payment.lineItems.isEmpty {
                overrideItems = payment.lineItems + [LineItem(name: "Tip", quantity: 1, unitAmount: tip, sku: "TIP")]
            }
        }
        return .success(ValidCheckout(chargeAmount: charge, overrideLineItems: overrideItems))
    }

    private static func nonBlank(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }
}
