import Foundation
import PaymentCore

/// What the Client's redirect asks the processor's card page for: which merchant (its
/// publishable key), which payment, how much, and where to send the browser back. The token the
/// page mints is bound to exactly these, so changing one in the address only makes a token the
/// Client's charge will refuse.
struct CardEntry: Sendable, Hashable {
    let publishableKey: String
    let paymentId: String
    let amount: Int64
    let currency: String
    let returnURL: String

    /// The origin the browser goes back to, for the page's `form-action`.
    var returnOrigin: String { WebOrigin.of(returnURL) ?? "" }

    /// What the card form's CSRF token is bound to.
    var binding: String { "\(paymentId)|\(amount)|\(currency)|\(returnURL)" }

    /// The fields as the card page carries them, in order.
    var fields: [(String, String)] {
        [("key", publishableKey), ("payment", paymentId), ("amount", String(amount)), ("currency", currency), ("return", returnURL)]
    }

    /// The hosted card page's address for this entry on the processor at `base`.
    static func url(base: String, publishableKey: String, paymentId: String, amount: Int64, currency: String, returnURL: String) -> String {
        let entry = CardEntry(publishableKey: publishableKey, paymentId: paymentId, amount: amount, currency: currency, returnURL: returnURL)
        return base + ProcessorRoutes.cardPath + "?" + FormEncoding.encode(entry.fields)
    }

    /// Checks every field; the sentence says what is wrong, for the page the browser sees.
    static func parse(key: String?, payment: String?, amount: String?, currency: String?, returnURL: String?,
                      expectedKey: String) -> Result<CardEntry, CardEntryError> {
        guard let key, CheckoutRoutes.sameKey(key, expectedKey) else { return .failure(.unknownKey) }
        guard let payment, (1...200).contains(payment.count), payment.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            return .failure(.invalid("payment"))
        }
        guard let amount, let minor = Int64(amount), (1...Money.maximumMinorUnits).contains(minor) else { return .failure(.invalid("amount")) }
        guard let currency, currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            return .failure(.invalid("currency"))
        }
        guard let returnURL, returnURL.count <= 2048, let components = URLComponents(string: returnURL),
              ["http", "https"].contains(components.scheme ?? ""), components.host?.isEmpty == false, components.fragment == nil else {
            return .failure(.invalid("return address"))
        }
        return .success(CardEntry(publishableKey: key, paymentId: payment, amount: minor, currency: currency, returnURL: returnURL))
    }
}

/// Why the processor will not show its card page.
enum CardEntryError: Error, Sendable, Hashable {
    case unknownKey
    case invalid(String)
    case foreignForm

    var sentence: String {
        switch self {
        case .unknownKey: "This card page was opened without a merchant key this processor knows: go back to the shop's payment page and start again."
        case .invalid(let field): "The link to this card page has a wrong \(field): go back to the shop's payment page and start again."
        case .foreignForm: "The form you sent was not issued by this card page: go back to the shop's payment page and start again."
        }
    }
}

/// `application/x-www-form-urlencoded`, as browsers write it.
enum FormEncoding {
    static func encode(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}
