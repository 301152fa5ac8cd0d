import Foundation
import PaymentCore
import QuiqClient

/// The payment settings a Client needs: an HTTPS collection URL and a Payment Key.
extension SiteDoctor {
    static func settingsChecks(_ settings: Result<PaymentSettings, QuiqClientError>) -> [DoctorCheck] {
        switch settings {
        case .failure(.forbidden):
            let detail = "not checked: the agent key may not read the settings (HTTP 403)"
            return [.skip("settings.collectionUrl", detail + "; check the Payment Collection URL in Quiq's admin"),
                    .skip("settings.paymentKey", detail + "; check the Payment Key in Quiq's admin")]
        case .failure(let error):
            let detail = "not checked: the settings could not be read (\(error.description))"
            return [.skip("settings.collectionUrl", detail), .skip("settings.paymentKey", detail)]
        case .success(let settings):
            return [collectionURLCheck(settings.collectionUrl), paymentKeyCheck(settings.paymentKeySet)]
        }
    }

    /// HTTPS passes; plain HTTP to a loopback address (a Client beside a local sandbox) is a
    /// warning, since no card page should be served that way to a customer; elsewhere it fails.
    static func collectionURLCheck(_ url: String?) -> DoctorCheck {
        let name = "settings.collectionUrl"
        let fix = "set the Payment Collection URL to the Client's https:// payment page in the payment settings"
        guard let url, !url.isEmpty, let parts = URLComponents(string: url), let host = parts.host else {
            return .fail(name, "no Payment Collection URL is set: customers' links lead nowhere", fix: fix)
        }
        switch parts.scheme {
        case "https":
            return .pass(name, "the Payment Collection URL \(url) is HTTPS")
        case "http" where isLoopback(host):
            return .warn(name, "the Payment Collection URL \(url) is plain HTTP on loopback: fine for a local Client, never for customers",
                         fix: "before going live, " + fix)
        default:
            return .fail(name, "the Payment Collection URL \(url) is not HTTPS: card details would cross the network unencrypted", fix: fix)
        }
    }

    static func paymentKeyCheck(_ isSet: Bool) -> DoctorCheck {
        isSet
            ? .pass("settings.paymentKey", "a Payment Key is set (its value is never shown)")
            : .fail("settings.paymentKey", "no Payment Key is set: the platform would refuse every reply of the Client",
                    fix: "set a Payment Key of 16 to 256 characters in the payment settings, and give the same one to the Client")
    }
}
