import Foundation
import Logging
import QuiqpayFiles

/// How `quiqpay merchant` puts the reference Client together against any platform: the site
/// and each key from its flag, else the `sandbox.json` named, else the environment; the
/// platform's CA from `QUIQ_CA_FILE`, else the one the sandbox made. A Client started for a
/// sandbox file is registered there as the Payment Collection URL, so its links work at once.
public struct MerchantLaunch: Sendable {
    public var site: String?
    public var identity: String?
    public var secret: SecretSource
    public var paymentKey: SecretSource
    /// A `sandbox.json` written by `quiqpay sandbox`.
    public var sandboxFile: String?
    /// A `processor.json` written by `quiqpay processor`; nil starts the processor in process.
    public var processorFile: String?
    public var host = "127.0.0.1"
    public var port = 0
    public var processorDelay: Duration = .zero

    /// The flags of `quiqpay merchant`, each secret as its flag (warned about) or its file.
    public init(site: String?, identity: String?, secret: String?, secretFile: String?, paymentKey: String?,
                paymentKeyFile: String?, sandboxFile: String?, processorFile: String?) {
        self.site = site
        self.identity = identity
        self.secret = SecretSource(flag: secret, file: secretFile, flagName: "--secret", fileName: "--secret-file",
                                   variable: "QUIQ_API_SECRET")
        self.paymentKey = SecretSource(flag: paymentKey, file: paymentKeyFile, flagName: "--payment-key",
                                       fileName: "--payment-key-file", variable: "QUIQPAY_PAYMENT_KEY")
        self.sandboxFile = sandboxFile
        self.processorFile = processorFile
    }

    /// What must be given and is not, without a sandbox file to give it, as the sentence to show.
    public func missing(environment: [String: String]) -> String? {
        guard sandboxFile == nil else { return nil }
        guard site != nil else { return "Give --site URL, or --sandbox-file PATH." }
        guard identity ?? environment["QUIQ_API_IDENTITY"] != nil, secret.isGiven(environment: environment) else {
            return "Give the client API key with --identity (or QUIQ_API_IDENTITY) and --secret-file (or QUIQ_API_SECRET)."
        }
        guard paymentKey.isGiven(environment: environment) else {
            return "Give the Payment Key with --payment-key-file (or QUIQPAY_PAYMENT_KEY)."
        }
        return nil
    }

    /// The Client, running (and registered on the sandbox of `sandboxFile`); nothing is left
    /// running when this throws. `warn` hears of a secret given as a flag.
    public func start(environment: [String: String], logger: Logger,
                      warn: (String) -> Void) async throws(MerchantLaunchError) -> RunningMerchant {
        let sandbox: SandboxDescriptor?
        do throws(SandboxDescriptorError) {
            sandbox = try sandboxFile.map { path throws(SandboxDescriptorError) in try SandboxDescriptor.load(file: path) }
        } catch {
            throw .sandboxFile(error)
        }
        let givenSecret: String?
        let givenKey: String?
        do throws(SecretSourceError) {
            givenSecret = try secret.explicitValue(warn: warn)
            givenKey = try paymentKey.explicitValue(warn: warn)
        } catch {
            throw .secret(error)
        }
        guard let platformURL = site ?? sandbox?.baseUrl,
              let clientIdentity = identity ?? sandbox?.client?.identity ?? environment["QUIQ_API_IDENTITY"],
              let clientSecret = givenSecret ?? sandbox?.client?.secret ?? secret.environmentValue(environment),
              let key = givenKey ?? sandbox?.paymentKey ?? paymentKey.environmentValue(environment) else {
            throw .noClientKey
        }
        var configuration = MerchantConfiguration(platformURL: platformURL, clientIdentity: clientIdentity,
                                                  clientSecret: clientSecret, paymentKey: key, logger: logger)
        configuration.host = host
        configuration.port = port
        configuration.processorDelay = processorDelay
        // An https platform whose CA no system root signs: QUIQ_CA_FILE, else the CA the sandbox made.
        if let caFile = environment["QUIQ_CA_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) ?? sandbox?.caFile {
            do {
                configuration.platformCAPEM = try String(contentsOfFile: caFile, encoding: .utf8)
            } catch {
                throw .caFile(caFile)
            }
        }
        if let processorFile {
            do throws(ProcessorDescriptorError) {
                configuration.processor = try ProcessorDescriptor.read(from: processorFile)
            } catch {
                throw .processorFile(error)
            }
        }
        let merchant: RunningMerchant
        do throws(MerchantStartError) {
            merchant = try await RunningMerchant.start(configuration)
        } catch {
            throw .start(error)
        }
        if let sandbox, let admin = sandbox.admin {
            do throws(CollectionURLRegistrationError) {
                try await CollectionURLRegistration.register(collectionURL: merchant.collectionURL, platformURL: platformURL,
                                                             adminIdentity: admin.identity, adminSecret: admin.secret,
                                                             caPEM: configuration.platformCAPEM)
            } catch {
                await merchant.stop()
                throw .registration(error)
            }
        }
        return merchant
    }
}

/// Why `quiqpay merchant` could not start its Client, as one sentence saying what to do.
public enum MerchantLaunchError: Error, Sendable, CustomStringConvertible {
    case sandboxFile(SandboxDescriptorError)
    case secret(SecretSourceError)
    /// A sandbox file without the client key (written by an older quiqpay).
    case noClientKey
    /// The CA file to trust for the platform cannot be read.
    case caFile(String)
    case processorFile(ProcessorDescriptorError)
    case start(MerchantStartError)
    case registration(CollectionURLRegistrationError)

    public var description: String {
        switch self {
        case .sandboxFile(let error): error.description
        case .secret(let error): error.description
        case .noClientKey: "The sandbox file has no client key: run `quiqpay sandbox` again to rewrite it."
        case .caFile(let path): "The CA file \(path) cannot be read: set QUIQ_CA_FILE to the platform's CA certificate in PEM."
        case .processorFile(let error): error.description
        case .start(let error): error.description
        case .registration(let error): error.description
        }
    }
}
