import Foundation
import Hummingbird
import Logging
import NIOCore
import PaymentCore
import ServiceLifecycle
import Synchronization

/// Why the reference Client could not start.
public enum MerchantStartError: Error, Sendable, CustomStringConvertible {
    case invalidPlatformURL(String)
    case couldNotBind(host: String, port: Int)

    public var description: String {
        switch self {
        case .invalidPlatformURL(let url): "“\(url)” is not a platform URL: give one such as http://127.0.0.1:8080 or https://tenant.goquiq.com."
        case .couldNotBind(let host, let port): "Could not listen on \(host):\(port): choose another port, or 0 for any free one."
        }
    }
}

/// The reference Client, running in this process: the Payment Collection page, its back end and
/// the fake processor, bound to a loopback port. Embedded by the console's trainer mode and by
/// tests; `quiqpay merchant` runs it alone.
public final class RunningMerchant: Sendable {
    /// The Payment Collection URL to register with the platform, e.g. `http://127.0.0.1:PORT/pay`.
    public let collectionURL: String
    /// Where the server listens, e.g. `http://127.0.0.1:PORT`.
    public let baseURL: String

    let processor: FakeProcessor
    private let broadcaster: EventBroadcaster
    private let group: ServiceGroup
    private let runner: Mutex<Task<Void, Never>?>

    private init(baseURL: String, processor: FakeProcessor, broadcaster: EventBroadcaster, group: ServiceGroup, runner: Task<Void, Never>) {
        self.baseURL = baseURL
        self.collectionURL = baseURL + "/pay"
        self.processor = processor
        self.broadcaster = broadcaster
        self.group = group
        self.runner = Mutex(runner)
    }

    /// Starts the server and returns once it is bound.
    public static func start(_ configuration: MerchantConfiguration) async throws -> RunningMerchant {
        let platformBase = configuration.platformBase
        guard let url = URL(string: platformBase), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw MerchantStartError.invalidPlatformURL(configuration.platformURL)
        }
        let logger = configuration.logger
        let platform = PlatformClient(baseURL: platformBase, identity: configuration.clientIdentity,
                                      secret: configuration.clientSecret, paymentKey: configuration.paymentKey)
        let broadcaster = EventBroadcaster(now: configuration.now)
        let processor = FakeProcessor(delay: configuration.processorDelay)
        let routes = CheckoutRoutes(merchantName: configuration.merchantName, platform: platform,
                                    verifier: TokenVerifier(platform: platform, issuer: platformBase, now: configuration.now),
                                    processor: processor, formToken: FormToken(), events: broadcaster,
                                    logger: logger, now: configuration.now)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(merchantName: configuration.merchantName))
        routes.register(on: router)

        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? configuration.port)
                boundContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let runner = Task {
            do {
                try await group.run()
            } catch {
                logger.error("Merchant server stopped with an error", metadata: ["error.type": "\(type(of: error))"])
            }
            boundContinuation.finish()
        }
        var iterator = bound.makeAsyncIterator()
        guard let port = await iterator.next() else {
            runner.cancel()
            throw MerchantStartError.couldNotBind(host: configuration.host, port: configuration.port)
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let merchant = RunningMerchant(baseURL: "http://\(host):\(port)", processor: processor, broadcaster: broadcaster,
                                       group: group, runner: runner)
        logger.info("Merchant demo listening", metadata: ["collection.url": "\(merchant.collectionURL)"])
        return merchant
    }

    /// A fresh stream of everything the Client does from now on, for one subscriber.
    public func subscribe() -> AsyncStream<MerchantEvent> { broadcaster.subscribe() }

    /// Same as `subscribe()`: each read of `events` is a new subscription.
    public var events: AsyncStream<MerchantEvent> { broadcaster.subscribe() }

    /// Stops listening, finishes the event streams and waits for the server to wind down.
    public func stop() async {
        await group.triggerGracefulShutdown()
        let task = runner.withLock { task in
            defer { task = nil }
            return task
        }
        await task?.value
        broadcaster.finish()
    }
}
