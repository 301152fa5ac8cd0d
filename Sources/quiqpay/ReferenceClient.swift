import Logging
import MerchantDemo
import Sandbox

/// Starts the reference Client (MerchantDemo) in this process against a running sandbox and
/// registers it as the sandbox's Payment Collection URL, as DESIGN.md asks of `quiqpay sandbox`
/// and `quiqpay demo`: one process, the whole seven-step handshake, nothing to configure.
enum ReferenceClient {
    /// The Client, started and registered; stop it before the sandbox.
    static func start(on sandbox: RunningSandbox, processorDelay: Duration = .zero,
                      logger: Logger = Logger(label: "quiqpay.merchant")) async throws -> RunningMerchant {
        let credentials = sandbox.credentials
        guard let client = credentials.client else {
            throw ReferenceClientError("The sandbox has no client key: delete its sandbox.json and start it again.")
        }
        var configuration = MerchantConfiguration(platformURL: sandbox.baseURL, clientIdentity: client.identity,
                                                  clientSecret: client.secret, paymentKey: credentials.paymentKey,
                                                  processorDelay: processorDelay, logger: logger)
        configuration.port = 0
        let merchant = try await RunningMerchant.start(configuration)
        do {
            try await sandbox.setCollectionURL(merchant.collectionURL)
        } catch {
            await merchant.stop()
            throw ReferenceClientError("Could not register the reference Client's collection URL: \(error)")
        }
        return merchant
    }
}

/// Why the in-process reference Client could not run, as one sentence saying what to do.
struct ReferenceClientError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
