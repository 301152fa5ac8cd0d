import ArgumentParser
import Foundation
import Logging
import MerchantDemo
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
        let sandbox = try sandboxFile.map(SandboxFile.read)
        guard let platformURL = site ?? sandbox?.baseUrl,
              let clientIdentity = identity ?? sandbox?.keys["client"]?.identity ?? environment["QUIQ_API_IDENTITY"],
              let clientSecret = secret ?? sandbox?.keys["client"]?.secret ?? environment["QUIQ_API_SECRET"],
              let key = paymentKey ?? sandbox?.paymentKey ?? environment["QUIQPAY_PAYMENT_KEY"] else {
            throw MerchantCommandError("The sandbox file lacks the base URL, the client key or the Payment Key: run `quiqpay sandbox` again to rewrite it.")
        }
        var logger = Logger(label: "quiqpay.merchant")
        logger.logLevel = .info
        var configuration = MerchantConfiguration(platformURL: platformURL, clientIdentity: clientIdentity,
                                                  clientSecret: clientSecret, paymentKey: key, logger: logger)
        configuration.host = host
        configuration.port = port
        configuration.processorDelay = .milliseconds(processorDelayMs)
        if let processorFile {
            do { configuration.processor = try ProcessorDescriptor.read(from: processorFile) } catch { throw MerchantCommandError(error.description) }
        }
        let merchant = try await RunningMerchant.start(configuration)

        if let sandbox, let admin = sandbox.keys["admin"] {
            do {
                try await CollectionURLRegistration.register(collectionURL: merchant.collectionURL, platformURL: platformURL,
                                                             adminIdentity: admin.identity, adminSecret: admin.secret)
            } catch {
                await merchant.stop()
                throw MerchantCommandError(error.description)
            }
        }
        // stdout may be a pipe another program reads: `say` writes unbuffered so the line arrives now.
        say(merchant.collectionURL)
        say("Card processor at \(merchant.processorURL)")

        for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
        await merchant.stop()
    }
}

/// The part of `sandbox.json` (written by `quiqpay sandbox`) the merchant needs.
struct SandboxFile: Decodable {
    struct Key: Decodable {
        var identity: String
        var secret: String
    }

    var baseUrl: String?
    var keys: [String: Key]
    var paymentKey: String?
    var conversationId: String?
    var collectionUrl: String?

    static func read(_ path: String) throws -> SandboxFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw MerchantCommandError("Could not read \(path): start `quiqpay sandbox` first, or check the path.")
        }
        do {
            return try JSONDecoder().decode(SandboxFile.self, from: data)
        } catch {
            throw MerchantCommandError("\(path) is not a sandbox.json written by `quiqpay sandbox`: run it again to rewrite the file.")
        }
    }
}

/// A failure of `quiqpay merchant`, as one sentence saying what to do.
struct MerchantCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
