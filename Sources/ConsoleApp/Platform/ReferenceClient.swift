import Logging
import MerchantDemo
import Sandbox

/// Starts the reference Client (MerchantDemo) in this process against a running sandbox and
/// registers it as the sandbox's Payment Collection URL: one process, the whole seven-step
/// handshake, nothing to configure (`quiqpay`, `quiqpay sandbox`, `quiqpay demo`).
public enum ReferenceClient {
    /// The Client, started and registered; stop it before the sandbox. Over HTTPS it trusts the
    /// CA the sandbox made, else `caPEM` (`QUIQ_CA_FILE`'s certificates), else the system's roots.
    public static func start(on sandbox: RunningSandbox, processorDelay: Duration = .zero, caPEM: String? = nil,
                             logger: Logger = Logger(label: "quiqpay.merchant")) async throws(ReferenceClientError) -> RunningMerchant {
        let credentials = sandbox.credentials
        guard let client = credentials.client else { throw .noClientKey }
        var configuration = MerchantConfiguration(platformURL: sandbox.baseURL, clientIdentity: client.identity,
                                                  clientSecret: client.secret, paymentKey: credentials.paymentKey,
                                                  processorDelay: processorDelay, logger: logger)
        configuration.port = 0
        configuration.platformCAPEM = sandbox.caCertificatePEM ?? caPEM
        let merchant: RunningMerchant
        do {
            merchant = try await RunningMerchant.start(configuration)
        } catch {
            throw .start("\(error)")
        }
        do {
            try await sandbox.setCollectionURL(merchant.collectionURL)
        } catch {
            await merchant.stop()
            throw .registration("\(error)")
        }
        return merchant
    }
}

/// Why the in-process reference Client could not run, as one sentence saying what to do.
public enum ReferenceClientError: Error, Hashable, Sendable, CustomStringConvertible {
    case noClientKey
    case start(String)
    case registration(String)

    public var description: String {
        switch self {
        case .noClientKey: "The sandbox has no client key: delete its sandbox.json and start it again."
        case .start(let reason): "The reference Client could not start (\(reason)): check that a loopback port is free."
        case .registration(let reason): "Could not register the reference Client's collection URL (\(reason)): restart quiqpay."
        }
    }
}
