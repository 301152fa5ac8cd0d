import PaymentCore

/// Why the collection URL could not be registered; never names the admin secret.
public enum CollectionURLRegistrationError: Error, Sendable, CustomStringConvertible {
    case unreachable(String)
    case refused(status: Int, message: String?)

    public var description: String {
        switch self {
        case .unreachable(let url): "Could not reach the platform at \(url): check that it is running and the URL is right."
        case .refused(let status, let message):
            "The platform refused the settings change (HTTP \(status)\(message.map { ": \($0)" } ?? "")): check the admin key and the URL."
        }
    }
}

/// Tells a platform where the Payment Collection page is, through the admin settings API
/// (`PUT /api/v1/payments/settings`), as `quiqpay merchant --sandbox-file` does for a sandbox.
public enum CollectionURLRegistration {
    public static func register(collectionURL: String, platformURL: String, adminIdentity: String, adminSecret: String) async throws(CollectionURLRegistrationError) {
        var base = platformURL
        while base.hasSuffix("/") { base.removeLast() }
        let client = PlatformClient(baseURL: base, identity: adminIdentity, secret: adminSecret, paymentKey: "")
        do {
            try await client.putSettings(PaymentSettingsUpdate(collectionUrl: collectionURL), adminIdentity: adminIdentity, adminSecret: adminSecret)
        } catch {
            switch error {
            case .unreachable, .undecodable: throw .unreachable(base)
            case .status(let status, let body): throw .refused(status: status, message: body?.error.message)
            }
        }
    }
}
