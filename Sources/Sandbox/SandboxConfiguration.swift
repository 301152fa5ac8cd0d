import Foundation
import Logging

/// How to run a sandbox. Tests and embedding modules use `port: 0` (any free port) and
/// `dataDirectory: nil` (in memory, nothing written to disk).
public struct SandboxConfiguration: Sendable {
    /// Interface to bind; loopback by default so the sandbox is never exposed by accident.
    public var host: String
    /// 0 picks a free port; `RunningSandbox.baseURL` says which.
    public var port: Int
    /// Where the database, signing key and `sandbox.json` live; nil keeps everything in memory.
    public var dataDirectory: String?
    /// The Payment Collection URL to configure at start; nil keeps the stored one, or on first
    /// start uses `<baseURL>/pay`.
    public var collectionUrl: String?
    /// Expiry of payments created without `expiresInSeconds`, seeded into the settings at first start.
    public var defaultTtlSeconds: Int
    /// How often the sweeper expires payments that nobody reads.
    public var sweepInterval: Duration
    public var logger: Logger
    /// The time source of expiry, tokens and timelines.
    public var clock: SandboxClock
    /// Stop gracefully on SIGINT and SIGTERM: the command does, an embedding process keeps its own signals.
    public var stopsOnSignals: Bool
    /// Serve HTTPS (`baseURL` is then `https://`); nil serves plain HTTP.
    public var tls: SandboxTLS?

    public init(host: String = "127.0.0.1", port: Int = 0, dataDirectory: String? = nil, collectionUrl: String? = nil,
                defaultTtlSeconds: Int = 86_400, sweepInterval: Duration = .seconds(1),
                logger: Logger = Logger(label: "quiqpay.sandbox"), clock: SandboxClock = .system,
                stopsOnSignals: Bool = false, tls: SandboxTLS? = nil) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.collectionUrl = collectionUrl
        self.defaultTtlSeconds = defaultTtlSeconds
        self.sweepInterval = sweepInterval
        self.logger = logger
        self.clock = clock
        self.stopsOnSignals = stopsOnSignals
        self.tls = tls
    }
}
