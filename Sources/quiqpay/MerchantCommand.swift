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
            Secrets may also come from QUIQ_API_IDENTITY, QUIQ_API_SECRET and QUIQPAY_PAYMENT_KEY.
            Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined,
            4000 0000 0000 9995 has insufficient funds, 4000 0000 0000 0119 times out.
            """)

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Interface to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The platform's base URL, e.g. https://tenant.goquiq.com (default: the sandbox file's).")
    var site: String?

    @Option(help: "Identity of the client API key.")
    var identity: String?

    @Option(help: "Secret of the client API key.")
    var secret: String?

    @Option(help: "The Payment Key registered with the platform.")
    var paymentKey: String?

    @Option(help: "A sandbox.json written by `quiqpay sandbox`: supplies the site and keys, and gets the collection URL registered.")
    var sandboxFile: String?

    @Option(help: "A processor.json written by `quiqpay processor`: use that processor instead of starting one in this process.")
    var processorFile: String?

    @Option(help: "Milliseconds the fake processor takes per charge, to make step 6 visible in a demo.")
    var processorDelayMs: Int = 0

    func validate() throws {
        if sandboxFile == nil {
            let environment = ProcessInfo.processInfo.environment
            guard site != nil else { throw ValidationError("Give --site URL, or --sandbox-file PATH.") }
            guard identity ?? environment["QUIQ_API_IDENTITY"] != nil, secret ?? environment["QUIQ_API_SECRET"] != nil else {
                throw ValidationError("Give the client API key with --identity and --secret (or QUIQ_API_IDENTITY and QUIQ_API_SECRET).")
            }
            guard paymentKey ?? environment["QUIQPAY_PAYMENT_KEY"] != nil else {
                throw ValidationError("Give the Payment Key with --payment-key (or QUIQPAY_PAYMENT_KEY).")
            }
        }
        guard (0...65535).contains(port) else { throw ValidationError("Choose a port from 0 to 65535.") }
        guard processorDelayMs >= 0 else { throw ValidationError("Give the processor delay as a number of milliseconds, 0 or more.") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let sandbox: SandboxDescriptor?
        do throws(SandboxDescriptorError) {
            sandbox = try sandboxFile.map { path throws(SandboxDescriptorError) in try SandboxDescriptor.load(file: path) }
        } catch {
            throw CommandFailure(message: error.description, code: CommandFailure.badInput, errorCode: "sandbox_file")
        }
        guard let platformURL = site ?? sandbox?.baseUrl,
              let clientIdentity = identity ?? sandbox?.client?.identity ?? environment["QUIQ_API_IDENTITY"],
              let clientSecret = secret ?? sandbox?.client?.secret ?? environment["QUIQ_API_SECRET"],
              let key = paymentKey ?? sandbox?.paymentKey ?? environment["QUIQPAY_PAYMENT_KEY"] else {
            throw CommandFailure.badInput("The sandbox file has no client key: run `quiqpay sandbox` again to rewrite it.")
        }
        var logger = Logger(label: "quiqpay.merchant")
        logger.logLevel = .info
        var configuration = MerchantConfiguration(platformURL: platformURL, clientIdentity: clientIdentity,
                                                  clientSecret: clientSecret, paymentKey: key, logger: logger)
        configuration.host = host
        configuration.port = port
        configuration.processorDelay = .milliseconds(processorDelayMs)
        if let processorFile {
            do { configuration.processor = try ProcessorDescriptor.read(from: processorFile) } catch { throw CommandFailure(message: "\(error)", code: CommandFailure.badInput, errorCode: "processor_file") }
        }
        let merchant = try await RunningMerchant.start(configuration)

        if let sandbox, let admin = sandbox.admin {
            do {
                try await CollectionURLRegistration.register(collectionURL: merchant.collectionURL, platformURL: platformURL,
                                                             adminIdentity: admin.identity, adminSecret: admin.secret)
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
