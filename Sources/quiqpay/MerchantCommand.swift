import ArgumentParser
import ConsoleApp
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

    /// The flags, as MerchantDemo resolves them.
    private var launch: MerchantLaunch {
        var launch = MerchantLaunch(site: site, identity: identity, secret: secret, secretFile: secretFile, paymentKey: paymentKey,
                                    paymentKeyFile: paymentKeyFile, sandboxFile: sandboxFile, processorFile: processorFile)
        launch.host = listen.host
        launch.port = listen.port
        launch.processorDelay = .milliseconds(processorDelayMs)
        return launch
    }

    func validate() throws {
        do throws(SecretSourceError) {
            try launch.secret.validate()
            try launch.paymentKey.validate()
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        if secretFile == "-", paymentKeyFile == "-" {
            throw ValidationError("Only one of --secret-file and --payment-key-file can read standard input (-); give the other as a file or in its environment variable.")
        }
        if let missing = launch.missing(environment: ProcessInfo.processInfo.environment) { throw ValidationError(missing) }
        if let problem = ProcessorConfiguration.delayProblem(milliseconds: processorDelayMs, flag: "--processor-delay-ms") { throw ValidationError(problem) }
        if processorFile != nil, processorDelayMs != 0 {
            throw ValidationError("--processor-delay-ms sets the delay of a processor this command starts; with --processor-file, give it to `quiqpay processor --delay-ms` instead.")
        }
    }

    func run() async throws {
        var logger = Logger(label: "quiqpay.merchant")
        logger.logLevel = .info
        let merchant: RunningMerchant
        do throws(MerchantLaunchError) {
            merchant = try await launch.start(environment: ProcessInfo.processInfo.environment, logger: logger) { Output(json: false).note($0) }
        } catch {
            throw CommandFailure(error)
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
