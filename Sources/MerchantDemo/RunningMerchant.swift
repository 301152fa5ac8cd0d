import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOSSL
import Logging
import PaymentCore

/// Why the reference Client could not start.
public enum MerchantStartError: Error, Sendable, CustomStringConvertible {
    case invalidPlatformURL(String)
    case invalidProcessorURL(String)
    case couldNotBind(host: String, port: Int)
    case processor(ProcessorStartError)
    case invalidPlatformCA(String)

    public var description: String {
        switch self {
        case .invalidPlatformURL(let url): "“\(url)” is not a platform URL: give one such as http://127.0.0.1:8080 or https://tenant.goquiq.com."
        case .invalidProcessorURL(let url): "“\(url)” is not a processor URL: give the address `quiqpay processor` printed."
        case .couldNotBind(let host, let port): "Could not listen on \(host):\(port): choose another port, or 0 for any free one."
        case .processor(let error): error.description
        case .invalidPlatformCA(let reason): "The CA to trust for the platform is not usable (\(reason)): give its certificate in PEM, as QUIQ_CA_FILE."
        }
    }
}

/// The reference Client, running in this process: the Payment Collection page and its back end
/// on a loopback port, and (unless the configuration names another) the fake processor on a
/// port of its own, so the card page has its own origin. Embedded by the console's trainer mode
/// and by tests; `quiqpay merchant` runs it alone.
public final class RunningMerchant: Sendable {
    /// The Payment Collection URL to register with the platform, e.g. `http://127.0.0.1:PORT/pay`.
    public let collectionURL: String
    /// Where the Client listens, e.g. `http://127.0.0.1:PORT`.
    public var baseURL: String { server.baseURL }
    /// Where the processor listens (its own origin).
    public let processorURL: String
    /// The processor started with this Client; nil when the configuration named another one.
    public let processor: RunningProcessor?

    private let broadcaster: EventBroadcaster
    private let server: LoopbackServer
    /// The client that trusts `platformCAPEM`, when one was given (the shared one otherwise).
    private let platformHTTP: HTTPClient?

    private init(server: LoopbackServer, processor: RunningProcessor?, processorURL: String, broadcaster: EventBroadcaster,
                 platformHTTP: HTTPClient?) {
        self.server = server
        self.platformHTTP = platformHTTP
        self.collectionURL = server.baseURL + "/pay"
        self.processor = processor
        self.processorURL = processorURL
        self.broadcaster = broadcaster
    }

    /// Starts the processor (unless external) and the Client, and returns once both are bound.
    public static func start(_ configuration: MerchantConfiguration) async throws(MerchantStartError) -> RunningMerchant {
        let platformBase = configuration.platformBase
        guard let url = URL(string: platformBase), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw .invalidPlatformURL(configuration.platformURL)
        }
        let logger = configuration.logger
        let platformHTTP = try configuration.platformCAPEM.map { pem throws(MerchantStartError) in try PlatformClient.httpClient(trusting: pem) }
        let broadcaster = EventBroadcaster(now: configuration.now)
        let descriptor: ProcessorDescriptor
        var inProcess: RunningProcessor?
        if let external = configuration.processor {
            guard let processorURL = URL(string: external.baseUrl), ["http", "https"].contains(processorURL.scheme ?? ""),
                  processorURL.host != nil else { throw .invalidProcessorURL(external.baseUrl) }
            descriptor = external
        } else {
            var processorConfiguration = ProcessorConfiguration(host: configuration.host, port: 0, delay: configuration.processorDelay,
                                                                logger: logger)
            processorConfiguration.now = configuration.now
            processorConfiguration.gate = configuration.processorGate
            do {
                let started = try await RunningProcessor.start(processorConfiguration, broadcaster: broadcaster)
                inProcess = started
                descriptor = started.descriptor
            } catch {
                try? await platformHTTP?.shutdown()  // nothing was sent through it: its closing cannot fail in a way that matters
                throw .processor(error)
            }
        }
        let processor = ProcessorClient(descriptor)
        let platform = PlatformClient(baseURL: platformBase, identity: configuration.clientIdentity,
                                      secret: configuration.clientSecret, paymentKey: configuration.paymentKey,
                                      http: platformHTTP ?? .shared)
        let ownAddress = OwnAddress()
        let routes = CheckoutRoutes(merchantName: configuration.merchantName, platform: platform,
                                    verifier: TokenVerifier(platform: platform, issuer: platformBase, now: configuration.now),
                                    processor: processor, sessions: CheckoutSessions(now: configuration.now), ownAddress: ownAddress,
                                    formToken: FormToken(), events: broadcaster, logger: logger, now: configuration.now)
        let router = Router(context: BasicRequestContext.self)
        if let observer = configuration.requestObserver { router.add(middleware: RequestObserverMiddleware(observe: observer)) }
        router.add(middleware: SecurityHeadersMiddleware(merchantName: configuration.merchantName, formAction: [processor.origin]))
        routes.register(on: router)
        guard let server = await LoopbackServer.start(router: router, host: configuration.host, port: configuration.port,
                                                      name: "Merchant server", logger: logger) else {
            await inProcess?.stop()
            try? await platformHTTP?.shutdown()  // nothing was sent through it: its closing cannot fail in a way that matters
            throw .couldNotBind(host: configuration.host, port: configuration.port)
        }
        ownAddress.set(server.baseURL)
        let merchant = RunningMerchant(server: server, processor: inProcess, processorURL: descriptor.baseUrl, broadcaster: broadcaster,
                                       platformHTTP: platformHTTP)
        logger.info("Merchant demo listening", metadata: ["collection.url": "\(merchant.collectionURL)", "processor.url": "\(descriptor.baseUrl)"])
        return merchant
    }

    /// A fresh stream of everything the Client (and its in-process processor) does from now on.
    public func subscribe() -> AsyncStream<MerchantEvent> { broadcaster.subscribe() }

    /// Stops listening (the Client, then its processor), finishes the event streams and waits.
    public func stop() async {
        await server.stop()
        await processor?.stop()
        broadcaster.finish()
        do {
            try await platformHTTP?.shutdown()
        } catch {
            // Every request through it has finished (the server stopped first); nothing is lost.
        }
    }
}

/// Hands each request's method, path and body to a test before the routes see it.
struct RequestObserverMiddleware<Context: RequestContext>: RouterMiddleware {
    let observe: @Sendable (String, String, String) -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: CheckoutRoutes.maximumFormBytes * 4)
        observe(request.method.rawValue, request.uri.description, String(buffer: body))
        return try await next(request, context)
    }
}
