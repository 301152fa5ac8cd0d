import QuiqpayFiles
import Foundation
import GRDB
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import PaymentCore
import Serving
import ServiceLifecycle
import Synchronization

/// A sandbox platform serving API.md on a loopback port, started in-process by the console,
/// by tests and by `quiqpay sandbox`.
public final class RunningSandbox: Sendable {
    /// e.g. `http://127.0.0.1:54321`.
    public let baseURL: String
    /// The CA a client must trust when the sandbox made its own certificate (`.selfSigned`), PEM.
    public let caCertificatePEM: String?
    let api: SandboxAPI
    private let writer: any DatabaseWriter
    private let group: ServiceGroup
    private let runTask: Task<Void, Never>

    private init(baseURL: String, caCertificatePEM: String?, api: SandboxAPI, writer: any DatabaseWriter, group: ServiceGroup,
                 runTask: Task<Void, Never>) {
        self.baseURL = baseURL
        self.caCertificatePEM = caCertificatePEM
        self.api = api
        self.writer = writer
        self.group = group
        self.runTask = runTask
    }

    /// Agent, Client and admin keys, the Payment Key, the demo conversation and the
    /// collection URL: the content of `sandbox.json`.
    public var credentials: SandboxDescriptor {
        api.credentials ?? SandboxDescriptor(baseUrl: baseURL, keys: [:], paymentKey: "", conversationId: "", collectionUrl: "")
    }

    /// Opens (or creates) the store and signing key, binds the port, seeds keys, settings and
    /// the demo conversation, and returns once requests are being served.
    public static func start(_ configuration: SandboxConfiguration) async throws -> RunningSandbox {
        if let url = configuration.collectionUrl {
            do { try PaymentLink.validate(collectionUrl: url) } catch { throw SandboxStartError.invalidCollectionURL(error.description) }
        }
        let logger = configuration.logger
        // Before anything is opened or bound: a bad certificate changes nothing.
        let tls: SandboxTLSSetup? = if let wanted = configuration.tls {
            try SandboxTLSSetup.make(wanted, dataDirectory: configuration.dataDirectory)
        } else {
            nil
        }
        let writer: any DatabaseWriter
        let issuer: TokenIssuer
        var known: SandboxDescriptor?
        var credentialsPath: String?
        if let directory = configuration.dataDirectory {
            do throws(SecretFileError) { try SecretFile.makeDirectory(directory) } catch { throw SandboxStartError.file(error.reason) }
            writer = try SandboxDatabase.open(path: directory + "/sandbox.sqlite")
            // Hashes only, but nobody else has any business reading them either.
            for suffix in ["", "-wal", "-shm"] { chmod(directory + "/sandbox.sqlite" + suffix, 0o600) }
            issuer = try await TokenIssuer.persistent(at: directory + "/signing-key.pem")
            credentialsPath = SandboxDescriptor.path(inDataDirectory: directory)
            // A missing or unreadable file is not an error: the keys are minted again and the file rewritten.
            known = try? SandboxDescriptor.load(fromDataDirectory: directory)
        } else {
            writer = try SandboxDatabase.open(path: nil)
            issuer = try await TokenIssuer.ephemeral()
        }
        let store = PaymentStore(writer: writer)
        let api = SandboxAPI(store: store, issuer: issuer, clock: configuration.clock, logger: logger, credentialsPath: credentialsPath)

        let bound = BindSignal()
        let app = QuietServer(
            responder: api.makeRouter().buildResponder(),
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0.configuration) } ?? .http1(),
            address: .hostname(configuration.host, port: configuration.port),
            services: [ExpirySweeper(store: store, clock: configuration.clock, interval: configuration.sweepInterval, logger: logger)],
            onServerRunning: { channel in bound.resolve(.success(channel.localAddress?.port ?? 0)) },
            logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: configuration.stopsOnSignals ? [.sigint, .sigterm] : [], logger: logger))
        let host = configuration.host
        let requestedPort = configuration.port
        let runTask = Task {
            do {
                try await group.run()
                bound.resolve(.failure(SandboxStartError.bind(host: host, port: requestedPort, reason: "the server stopped")))
            } catch {
                bound.resolve(.failure(SandboxStartError.bind(host: host, port: requestedPort, reason: "\(error)")))
                logger.error("sandbox stopped with an error", metadata: ["error": "\(error)"])
            }
        }
        let port = try await bound.wait()
        let urlHost = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "[::1]" : host.contains(":") ? "[\(host)]" : host
        let baseURL = (tls == nil ? "http://" : "https://") + "\(urlHost):\(port)"
        // Where a client finds the CA to trust: written next to sandbox.json by the self-signed setup.
        let caFile = tls?.caCertificatePEM != nil
            ? configuration.dataDirectory.map { SandboxDescriptor.caCertificatePath(inDataDirectory: $0) } : nil
        do {
            let issuers = try await store.registerIssuer(baseURL)
            let secrets = try await store.bootstrap(known: known, collectionUrl: configuration.collectionUrl,
                                                    defaultCollectionUrl: baseURL + "/pay",
                                                    defaultTtlSeconds: configuration.defaultTtlSeconds,
                                                    now: configuration.clock.nowMilliseconds())
            try api.started(baseURL: baseURL, issuers: issuers, credentials: SandboxDescriptor(baseUrl: baseURL, secrets: secrets, caFile: caFile),
                            apiKeys: APIKeyCheck(keys: try await store.apiKeys()))
        } catch {
            await group.triggerGracefulShutdown()
            await runTask.value
            throw error
        }
        logger.info("sandbox listening", metadata: ["baseURL": "\(baseURL)", "storage": "\(configuration.dataDirectory ?? "memory")"])
        return RunningSandbox(baseURL: baseURL, caCertificatePEM: tls?.caCertificatePEM, api: api, writer: writer, group: group, runTask: runTask)
    }

    /// Registers the Payment Collection URL, as a reference Client running in-process does.
    public func setCollectionURL(_ url: String) async throws {
        do { try PaymentLink.validate(collectionUrl: url) } catch { throw SandboxStartError.invalidCollectionURL(error.description) }
        try await api.store.setCollectionURL(url)
        try api.updateCredentials { $0.collectionUrl = url }
    }

    /// A fresh stream of the platform's live events (short link opened, ...) from now on, for
    /// one subscriber; it ends when the sandbox stops.
    public func subscribe() -> AsyncStream<SandboxEvent> { api.events.subscribe() }

    /// Stops serving: in-flight requests finish, then the database is closed.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await runTask.value
        api.events.finish()
        try? (writer as? DatabasePool)?.close()
    }

    /// Returns when the sandbox has stopped (a signal, or `stop()`).
    public func waitUntilStopped() async {
        await runTask.value
        try? (writer as? DatabasePool)?.close()
    }

    /// Every route served, as `METHOD /path/{param}`.
    var routeNames: [String] { api.endpoints.map(\.name) }
}

/// Resolved once, by the first of "the port is bound" and "the server failed".
private final class BindSignal: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Int, any Error>?
        var result: Result<Int, any Error>?
    }

    private let state = Mutex(State())

    func resolve(_ result: Result<Int, any Error>) {
        let continuation: CheckedContinuation<Int, any Error>? = state.withLock { state in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(with: result)
    }

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Int, any Error>? = state.withLock { state in
                if let result = state.result { return result }
                state.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
