import ArgumentParser
import Foundation
import Logging
import MerchantDemo
import QuiqpayFiles
import UnixSignals

/// `quiqpay merchant`: the reference Client (payment page, back end, fake processor) on its own,
/// against any platform: a sandbox started with `quiqpay sandbox`, or a real tenant.
struct MerchantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merchant",
        abstract: "Run the reference Client's payment page and the fake card processor (own port) against a platform.",
        discussion: """
            Prints the Payment Collection URL, then serves until interrupted. With --sandbox-file it reads
            the sandbox.json that `quiqpay sandbox` writes and registers the collection URL on that sandbox.
            Keep secrets off the command line, where `ps` and your shell history show them: give them with \
            --secret-file and --payment-key-file (a file, or - for standard input), or in QUIQ_API_SECRET and \
            QUIQPAY_PAYMENT_KEY; QUIQ_API_IDENTITY gives the identity. --secret and --payment-key still work, with a warning.
            An https platform is trusted through the system's roots, QUIQ_CA_FILE, or the CA a `--tls-self-signed` sandbox made.
            \(TestCards.sentence)
            """)

    @OptionGroup var listen: ListenOptions

    @Option(help: "The platform's base URL, e.g. https://tenant.goquiq.com (default: the sandbox file's).")
    var site: String?

    @Option(help: "Identity of the client API key.")
    var identity: String?

    @Option(help: "Secret of the client API key (visible in `ps`: prefer --secret-file or QUIQ_API_SECRET).")
    var secret: String?

    @Option(help: "A file holding the client API key's secret, or - to read it from standard input.")
    var secretFile: String?

    @Option(help: "The Payment Key registered with the platform (visible in `ps`: prefer --payment-key-file or QUIQPAY_PAYMENT_KEY).")
    var paymentKey: String?

    @Option(help: "A file holding the Payment Key, or - to read it from standard input.")
    var paymentKeyFile: String?

    @Option(help: "A sandbox.json written by `quiqpay sandbox`: supplies the site and keys, and gets the collection URL registered.")
    var sandboxFile: String?

    @Option(help: "A processor.json written by `quiqpay processor`: use that processor instead of starting one in this process.")
    var processorFile: String?

    @Option(help: "Milliseconds the fake processor takes per charge, to make step 6 visible in a demo.")
    var processorDelayMs: Int = 0

    private var secretSource: SecretSource {
        SecretSource(flag: secret, file: secretFile, flagName: "--secret", fileName: "--secret-file", variable: "QUIQ_API_SECRET")
    }

    private var paymentKeySource: SecretSource {
        SecretSource(flag: paymentKey, file: paymentKeyFile, flagName: "--payment-key", fileName: "--payment-key-file",
                     variable: "QUIQPAY_PAYMENT_KEY")
    }

    func validate() throws {
        try secretSource.validate()
        try paymentKeySource.validate()
        if secretFile == "-", paymentKeyFile == "-" {
            throw ValidationError("Only one of --secret-file and --payment-key-file can read standard input (-); give the other as a file or in its environment variable.")
        }
        if sandboxFile == nil {
            let environment = ProcessInfo.processInfo.environment
            guard site != nil else { throw ValidationError("Give --site URL, or --sandbox-file PATH.") }
            guard identity ?? environment["QUIQ_API_IDENTITY"] != nil, secretSource.isGiven(environment: environment) else {
                throw ValidationError("Give the client API key with --identity (or QUIQ_API_IDENTITY) and --secret-file (or QUIQ_API_SECRET).")
            }
            guard paymentKeySource.isGiven(environment: environment) else {
                throw ValidationError("Give the Payment Key with --payment-key-file (or QUIQPAY_PAYMENT_KEY).")
            }
        }
        try ProcessorDelay.validate(milliseconds: processorDelayMs, flag: "--processor-delay-ms")
        if processorFile != nil, processorDelayMs != 0 {
            throw ValidationError("--processor-delay-ms sets the delay of a processor this command starts; with --processor-file, give it to `quiqpay processor --delay-ms` instead.")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let sandbox: SandboxDescriptor?
        do throws(SandboxDescriptorError) {
            sandbox = try sandboxFile.map { path throws(SandboxDescriptorError) in try SandboxDescriptor.load(file: path) }
        } catch {
            throw CommandFailure(message: error.description, code: CommandFailure.badInput, errorCode: "sandbox_file")
        }
        let givenSecret = try secretSource.explicitValue()
        let givenKey = try paymentKeySource.explicitValue()
        guard let platformURL = site ?? sandbox?.baseUrl,
              let clientIdentity = identity ?? sandbox?.client?.identity ?? environment["QUIQ_API_IDENTITY"],
              let clientSecret = givenSecret ?? sandbox?.client?.secret ?? secretSource.environmentValue(environment),
              let key = givenKey ?? sandbox?.paymentKey ?? paymentKeySource.environmentValue(environment) else {
            throw CommandFailure.badInput("The sandbox file has no client key: run `quiqpay sandbox` again to rewrite it.")
        }
        var logger = Logger(label: "quiqpay.merchant")
        logger.logLevel = .info
        var configuration = MerchantConfiguration(platformURL: platformURL, clientIdentity: clientIdentity,
                                                  clientSecret: clientSecret, paymentKey: key, logger: logger)
        configuration.host = listen.host
        configuration.port = listen.port
        configuration.processorDelay = .milliseconds(processorDelayMs)
        // An https platform whose CA no system root signs: QUIQ_CA_FILE, else the CA the sandbox made.
        if let caFile = environment["QUIQ_CA_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) ?? sandbox?.caFile {
            do {
                configuration.platformCAPEM = try String(contentsOfFile: caFile, encoding: .utf8)
            } catch {
                throw CommandFailure.badInput("The CA file \(caFile) cannot be read: set QUIQ_CA_FILE to the platform's CA certificate in PEM.")
            }
        }
        if let processorFile {
            do throws(ProcessorDescriptorError) {
                configuration.processor = try ProcessorDescriptor.read(from: processorFile)
            } catch {
                throw CommandFailure(message: error.description, code: CommandFailure.badInput, errorCode: "processor_file")
            }
        }
        let merchant: RunningMerchant
        do {
            merchant = try await RunningMerchant.start(configuration)
        } catch {
            throw CommandFailure(message: error.description, code: CommandFailure.badInput, errorCode: "merchant")
        }

        if let sandbox, let admin = sandbox.admin {
            do {
                try await CollectionURLRegistration.register(collectionURL: merchant.collectionURL, platformURL: platformURL,
                                                             adminIdentity: admin.identity, adminSecret: admin.secret,
                                                             caPEM: configuration.platformCAPEM)
            } catch {
                await merchant.stop()
                throw CommandFailure(message: error.description, code: CommandFailure.unreachable, errorCode: "registration")
            }
        }
        // Trap the signals before saying where it runs: a script that reads the URL and then sends
        // SIGTERM must get a graceful stop, not the default action of a signal not yet trapped.
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        // stdout may be a pipe another program reads: `say` writes unbuffered so the line arrives now.
        say(merchant.collectionURL)
        say("Card processor at \(merchant.processorURL)")

        for await _ in signals { break }
        await merchant.stop()
    }
}
