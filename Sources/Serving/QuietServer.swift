import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// A Hummingbird server without `Application`'s once-a-second timer.
///
/// `Application.run()` always starts a `DateCache` that reformats the `Date` header every
/// second; the console runs three servers in-process (the sandbox, the reference Client, the
/// processor), and a profile of the idle console found those timers a third of its CPU.
/// This runs the same responder the same way, with the header formatted at most once per
/// second, on the first response in it, so a server nobody calls never wakes.
public struct QuietServer<Responder: HTTPResponder>: Service
where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
    private let responder: Responder
    private let server: HTTPServerBuilder
    private let address: BindAddress
    private let services: [any Service]
    private let onServerRunning: @Sendable (any Channel) async -> Void
    private let logger: Logger

    /// - Parameters:
    ///   - server: `.http1()`, or a TLS builder around it.
    ///   - services: run beside the server, and stopped with it (the sandbox's sweeper).
    ///   - onServerRunning: told the listening channel, whose local address has the bound port.
    public init(responder: Responder, server: HTTPServerBuilder = .http1(), address: BindAddress,
                services: [any Service] = [], onServerRunning: @escaping @Sendable (any Channel) async -> Void,
                logger: Logger) {
        self.responder = responder
        self.server = server
        self.address = address
        self.services = services
        self.onServerRunning = onServerRunning
        self.logger = logger
    }

    public func run() async throws {
        let responder = self.responder
        let logger = self.logger
        let dates = HTTPDate()
        let server = try server.buildServer(configuration: ServerConfiguration(address: address),
                                            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                            logger: logger) { (request, writer: consuming ResponseWriter, channel) in
            let context = Responder.Context(source: ApplicationRequestContextSource(channel: channel, logger: logger))
            var response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch let error as HTTPParserError {
                throw error
            } catch {
                logger.debug("unrecognised error", metadata: ["error.type": "\(type(of: error))"])
                response = Response(status: .internalServerError, body: .init())
            }
            response.headers[.date] = dates.now()
            do {
                try await writer.write(response: response.head, body: response.body)
            } catch is HTTPParserError {
                // Rethrown, a parser error would make the channel write a second response.
                throw QuietServerError.parseErrorWhileWritingResponse
            }
        } onServerRunning: { channel in
            await onServerRunning(channel)
        }
        try await ServiceGroup(configuration: .init(services: services + [server], logger: logger)).run()
    }
}

enum QuietServerError: Error {
    case parseErrorWhileWritingResponse
}
