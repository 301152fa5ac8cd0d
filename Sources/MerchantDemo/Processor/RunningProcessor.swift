import Foundation
import Hummingbird
import Logging
import NIOCore

/// Everything the fake processor needs to run.
public struct ProcessorConfiguration: Sendable, CustomStringConvertible, CustomReflectable {
    /// The longest charge delay a demo may ask for: the Client gives up on a charge after 20 s
    /// and reports "not charged", which a slower approval would contradict.
    public static let longestDelay: Duration = .seconds(15)

    /// Why a delay of `milliseconds` given with `flag` is refused, as the sentence to show; nil when it is in range.
    public static func delayProblem(milliseconds: Int, flag: String) -> String? {
        let longest = Int(longestDelay.components.seconds) * 1000
        guard !(0...longest).contains(milliseconds) else { return nil }
        return "Give \(flag) from 0 to \(longest): the Client stops waiting for a charge after \(ProcessorClient.timeout.nanoseconds / 1_000_000_000) s."
    }

    /// Interface to listen on; loopback by default.
    public var host: String = "127.0.0.1"
    /// Port to listen on; 0 picks a free one (read it back from `RunningProcessor.baseURL`).
    public var port: Int = 0
    /// Shown in the page and accepted from it; identifies the merchant, proves nothing.
    public var publishableKey: String
    /// Sent only by the Client's back end, to charge.
    public var secretKey: String
    /// How long each charge takes, so a demo can show step 6 happening.
    public var delay: Duration = .zero
    /// Card numbers reach it only as their last four digits.
    public var logger: Logger = Logger(label: "quiqpay.processor")
    /// The clock of the 10-minute token lifetime; tests move it forward.
    public var now: @Sendable () -> Date = { Date() }
    /// Holds each charge until a test opens it (tests only).
    var gate: ChargeGate?

    /// A processor with fresh test-mode keys.
    public init(host: String = "127.0.0.1", port: Int = 0, delay: Duration = .zero,
                logger: Logger = Logger(label: "quiqpay.processor")) {
        let keys = ProcessorDescriptor.newKeys()
        publishableKey = keys.publishable
        secretKey = keys.secret
        self.host = host
        self.port = port
        self.delay = delay
        self.logger = logger
    }

    public var description: String {
        "ProcessorConfiguration(host: \(host), port: \(port), publishableKey: \(publishableKey), secretKey: <redacted>)"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["host": host, "port": port, "publishableKey": publishableKey, "secretKey": "<redacted>", "delay": delay])
    }
}

/// Why `quiqpay processor` could not start: the port, or the descriptor file.
public enum ProcessorLaunchError: Error, Sendable, CustomStringConvertible {
    case start(ProcessorStartError)
    case descriptor(ProcessorDescriptorError)

    public var description: String {
        switch self {
        case .start(let error): error.description
        case .descriptor(let error): error.description
        }
    }
}

/// Why the processor could not start.
public enum ProcessorStartError: Error, Sendable, CustomStringConvertible {
    case couldNotBind(host: String, port: Int)

    public var description: String {
        switch self {
        case .couldNotBind(let host, let port): "Could not listen on \(host):\(port) for the processor: choose another port, or 0 for any free one."
        }
    }
}

/// The fake card processor as a service of its own origin: the hosted card page the browser is
/// sent to (step 5) and the charge API the Client's back end calls (step 6). It is the only
/// server that ever receives a card number.
public final class RunningProcessor: Sendable {
    /// Where it listens, e.g. `http://127.0.0.1:PORT`.
    public var baseURL: String { server.baseURL }
    /// The address and keys, for `quiqpay processor` to write to its descriptor file.
    public let descriptor: ProcessorDescriptor

    let ledger: ProcessorLedger
    private let server: LoopbackServer

    private init(server: LoopbackServer, descriptor: ProcessorDescriptor, ledger: ProcessorLedger) {
        self.server = server
        self.descriptor = descriptor
        self.ledger = ledger
    }

    /// The processor alone (`quiqpay processor`), its descriptor written to `path` (0600: it
    /// holds the secret key) for a Client started elsewhere; nothing is left running when this throws.
    public static func start(_ configuration: ProcessorConfiguration,
                             descriptorPath path: String) async throws(ProcessorLaunchError) -> RunningProcessor {
        let processor: RunningProcessor
        do throws(ProcessorStartError) { processor = try await start(configuration) } catch { throw .start(error) }
        do throws(ProcessorDescriptorError) {
            try processor.descriptor.write(to: path)
        } catch {
            await processor.stop()
            throw .descriptor(error)
        }
        return processor
    }

    /// Starts the processor alone and returns once it is bound.
    public static func start(_ configuration: ProcessorConfiguration) async throws(ProcessorStartError) -> RunningProcessor {
        // Alone, nobody listens to its events: they are only its log lines.
        try await start(configuration, broadcaster: EventBroadcaster(now: configuration.now))
    }

    /// Starts it publishing into `broadcaster`, so an embedding Client's subscribers hear step 5.
    static func start(_ configuration: ProcessorConfiguration,
                      broadcaster: EventBroadcaster) async throws(ProcessorStartError) -> RunningProcessor {
        let ledger = ProcessorLedger(now: configuration.now, delay: configuration.delay, gate: configuration.gate)
        let routes = ProcessorRoutes(publishableKey: configuration.publishableKey, secretKey: Redacted(configuration.secretKey),
                                     ledger: ledger, formToken: FormToken(), events: broadcaster,
                                     logger: configuration.logger, now: configuration.now)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(merchantName: ProcessorRoutes.name, formAction: []))
        routes.register(on: router)
        guard let server = await LoopbackServer.start(router: router, host: configuration.host, port: configuration.port,
                                                      name: "Processor", logger: configuration.logger) else {
            throw .couldNotBind(host: configuration.host, port: configuration.port)
        }
        let descriptor = ProcessorDescriptor(baseUrl: server.baseURL, publishableKey: configuration.publishableKey,
                                             secretKey: configuration.secretKey)
        configuration.logger.info("Processor listening", metadata: ["processor.url": "\(server.baseURL)"])
        return RunningProcessor(server: server, descriptor: descriptor, ledger: ledger)
    }

    /// How many times a charge for this payment reached the (fake) card network.
    public func chargeCount(for paymentId: String) async -> Int { await ledger.chargeCount(for: paymentId) }

    /// The total number of charges that reached the card network.
    public func totalCharges() async -> Int { await ledger.totalCharges() }

    /// Stops listening and waits for the server to wind down.
    public func stop() async {
        await server.stop()
    }
}
