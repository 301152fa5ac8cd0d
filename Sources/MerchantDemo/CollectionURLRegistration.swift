import AsyncHTTPClient
import PaymentCore

/// Why the collection URL could not be registered; never names the admin secret.
public enum CollectionURLRegistrationError: Error, Sendable, CustomStringConvertible {
    case unreachable(String)
    case refused(status: Int, message: String?)
    case invalidCA(String)

    public var description: String {
        switch self {
        case .unreachable(let url): "Could not reach the platform at \(url): check that it is running and the URL is right."
        case .invalidCA(let sentence): sentence
        case .refused(let status, let message):
            "The platform refused the settings change (HTTP \(status)\(message.map { ": \($0)" } ?? "")): check the admin key and the URL."
        }
    }
}

/// Tells a platform where the Payment Collection page is, through the admin settings API
/// (`PUT /api/v1/payments/settings`), as `quiqpay merchant --sandbox-file` does for a sandbox.
public enum CollectionURLRegistration {
    /// - Parameter caPEM: the CA certificates (PEM) to trust for an https platform; nil: the system's roots.
    public static func register(collectionURL: String, platformURL: String, adminIdentity: String, adminSecret: String,
                                caPEM: String? = nil) async throws(CollectionURLRegistrationError) {
        var base = platformURL
        while base.hasSuffix("/") { base.removeLast() }
        let http: HTTPClient?
        do {
            http = try caPEM.map { pem throws(MerchantStartError) in try PlatformClient.httpClient(trusting: pem) }
        } catch {
            throw .invalidCA(error.description)
        }
        let client = PlatformClient(baseURL: base, identity: adminIdentity, secret: adminSecret, paymentKey: "", http: http ?? .shared)
        let outcome: Result<Void, PlatformError>
        do throws(PlatformError) {
            try await client.putSettings(PaymentSettingsUpdate(collectionUrl: collectionURL), adminIdentity: adminIdentity, adminSecret: adminSecret)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        // Its one request has finished: a failure to close it loses nothing.
        try? await http?.shutdown()
        switch outcome {
        case .success: return
        case .failure(.unreachable), .failure(.undecodable): throw .unreachable(base)
        case .failure(.status(let status, let body)): throw .refused(status: status, message: body?.error.message)
        }
    }
}
