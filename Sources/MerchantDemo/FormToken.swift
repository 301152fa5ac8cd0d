import Crypto
import Foundation

/// The CSRF token of a form (the payment page's, and the processor's card page's): an HMAC of the payment id under a secret made fresh for
/// each process. A form is accepted only for the payment it was issued for, and only by the
/// process that issued it, so a replayed form from another payment or another site is refused.
struct FormToken: Sendable {
    private let key: SymmetricKey

    init(key: SymmetricKey = SymmetricKey(size: .bits256)) { self.key = key }

    func issue(paymentId: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: FormToken.message(paymentId), using: key)
        return FormToken.base64URL(Data(mac))
    }

    /// Constant-time check of a posted token against the payment it claims to belong to.
    func isValid(_ token: String, paymentId: String) -> Bool {
        guard let mac = TokenVerifier.base64URLDecode(token), mac.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: FormToken.message(paymentId), using: key)
    }

    private static func message(_ paymentId: String) -> Data { Data("quiqpay-merchant-form:\(paymentId)".utf8) }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
