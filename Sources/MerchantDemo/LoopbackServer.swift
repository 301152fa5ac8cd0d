import Hummingbird
import Logging
import NIOCore
import Serving
import ServiceLifecycle
import Synchronization

/// One Hummingbird server bound to a port and run in a task of its own: what the Client
/// and the processor both are, so each has its own origin and its own lifetime.
final class LoopbackServer: Sendable {
    /// `http://HOST:PORT`, with an IPv6 host in brackets.
    let baseURL: String
    private let group: ServiceGroup
    private let runner: Mutex<Task<Void, Never>?>

    private init(baseURL: String, group: ServiceGroup, runner: Task<Void, Never>) {
        self.baseURL = baseURL
        self.group = group
        self.runner = Mutex(runner)
    }

    /// Binds `host:port` (0 for any free port) and returns once the server listens; `nil` when
    /// the port could not be bound.
    static func start(router: Router<BasicRequestContext>, host: String, port: Int, name: String, logger: Logger) async -> LoopbackServer? {
        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = QuietServer(
            responder: router.buildResponder(),
            address: .hostname(host, port: port),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? port)
                boundContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let runner = Task {
            do {
                try await group.run()
            } catch {
                logger.error("\(name) stopped with an error", metadata: ["error.type": "\(type(of: error))"])
            }
            boundContinuation.finish()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            runner.cancel()
            return nil
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return LoopbackServer(baseURL: "http://\(shownHost):\(boundPort)", group: group, runner: runner)
    }

    /// Stops listening and waits for the server to wind down; a second call does nothing.
    func stop() async {
        await group.triggerGracefulShutdown()
        let task = runner.withLock { task in
            defer { task = nil }
            return task
        }
        await task?.value
    }
}
