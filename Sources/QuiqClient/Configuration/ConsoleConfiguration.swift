import Foundation
import PaymentCore
import QuiqpayFiles

/// Where the console connects and with what, resolved from flags > environment >
/// `$XDG_CONFIG_HOME/quiqpay/config.yaml` > the sandbox.
public struct ConsoleConfiguration: Sendable {
    /// Which platform this is: a Quiq tenant (LIVE) or the local sandbox.
    public enum Mode: Sendable, Hashable {
        case live(site: String)
        case sandbox(dataDirectory: String)

        public var isSandbox: Bool { if case .sandbox = self { true } else { false } }
    }

    /// What the command line may set; nil leaves the lower layers in charge. Where files are
    /// (`--data-dir`, `--config`) is `DataPaths`' business, passed beside these.
    public struct Flags: Sendable, Hashable {
        public var site: String?
        public var conversation: String?
        public var theme: String?

        public init(site: String? = nil, conversation: String? = nil, theme: String? = nil) {
            self.site = site
            self.conversation = conversation
            self.theme = theme
        }
    }

    public var mode: Mode
    /// The platform's base URL (paths of the endpoint table go under it).
    public var baseURL: String
    /// The agent key (a secret: never print it).
    public var credentials: Credentials
    /// The admin key, when known (the sandbox's); live tenants configure it as the main key.
    public var adminCredentials: Credentials?
    public var conversationId: String?
    /// The currency new payments start in: QUIQPAY_CURRENCY, else config.yaml, else USD.
    public var currency: Currency = .usd
    public var theme: String?
    public var endpoints: EndpointTable
    public var timeout: Double
    /// Attempts per request (`QUIQPAY_RETRIES`, default 4).
    public var attempts: Int
    public var watch: WatchPolicy
    /// Seconds between the console's heartbeats while no payment is active and no transcript
    /// is shown (`watcher.idleInterval`, default 5): an idle console costs next to nothing.
    public var idleInterval: Double = 5
    /// Where every file is: the journal, the sandbox's folder, config.yaml, themes.
    public var paths: DataPaths
    /// The sandbox's descriptor in sandbox mode.
    public var sandbox: SandboxDescriptor?
    /// Sentences to show on stderr (e.g. a config file others can read).
    public var warnings: [String]
    /// Where the live key's secret came from, for sentences that say what to check
    /// (`QUIQ_API_SECRET`, `the secretCommand in …/config.yaml`).
    public var secretSource = "QUIQ_API_SECRET"
    /// The CAs an https site may chain to: `QUIQ_CA_FILE`, else `caFile` in config.yaml, else (for a
    /// sandbox found through its `sandbox.json`) the CA it made, else the system's roots.
    public var trust: CertificateTrust = .systemRoots

    /// The journal's name for the platform, so payments of the sandbox and of a tenant
    /// never mix: `sandbox` or the live base URL.
    public var platformName: String {
        switch mode {
        case .live: baseURL
        case .sandbox: "sandbox"
        }
    }

    /// Options for a `QuiqAPI` using the agent key.
    public func apiOptions(retry: RetryPolicy? = nil, admin: Bool = false) -> QuiqAPI.Options {
        let retry = retry ?? RetryPolicy(maxAttempts: attempts)
        let hint = mode.isSandbox
            ? "the keys in the sandbox's sandbox.json are stale: restart `quiqpay sandbox`"
            : "check QUIQ_API_IDENTITY / \(secretSource)"
        return QuiqAPI.Options(baseURL: baseURL, credentials: admin ? (adminCredentials ?? credentials) : credentials,
                               endpoints: endpoints, timeout: timeout, retry: retry, authHint: hint,
                               maxConnections: max(watch.concurrency, 8), trust: trust)
    }

    /// Resolves every layer. `environment` is the process environment (passed in, so tests
    /// set their own). With no site configured, `embeddedSandbox` (a sandbox this process
    /// started) is used, else the `sandbox.json` in `paths.sandboxDirectory`.
    /// `resolve` with the files where `environment` puts them (no `--data-dir`, no `--config`).
    public static func resolve(flags: Flags, environment: [String: String],
                               embeddedSandbox: SandboxDescriptor? = nil) throws(ConfigurationError) -> ConsoleConfiguration {
        try resolve(flags: flags, paths: DataPaths(environment: environment), environment: environment, embeddedSandbox: embeddedSandbox)
    }

    /// `ignoringSite` makes it the sandbox whatever is configured (`quiqpay demo`).
    public static func resolve(flags: Flags, paths: DataPaths, environment: [String: String],
                               embeddedSandbox: SandboxDescriptor? = nil,
                               ignoringSite: Bool = false) throws(ConfigurationError) -> ConsoleConfiguration {
        func env(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let configPath = paths.configFile

        var warnings: [String] = []
        let file = try ConfigFile.load(path: configPath, warnings: &warnings) ?? ConfigFile()
        if file.secretCommand != nil, file.apiSecret != nil {
            throw .secretCommand(path: configPath, problem: .besideAPISecret)
        }

        let endpoints = try EndpointTable.standard.overriding(file.endpoints ?? [:])
        let section = file.watcher
        let defaults = WatchPolicy()
        let watch = WatchPolicy(concurrency: section?.concurrency ?? defaults.concurrency,
                                youngInterval: section?.youngInterval ?? defaults.youngInterval,
                                youngAge: section?.youngAge ?? defaults.youngAge,
                                maxInterval: section?.maxInterval ?? defaults.maxInterval,
                                openedInterval: section?.openedInterval ?? defaults.openedInterval,
                                pageSize: section?.pageSize ?? defaults.pageSize)
        let dataDirectory = paths.sandboxDirectory
        let conversation = flags.conversation ?? env("QUIQ_CONVERSATION") ?? file.conversation
        let theme = flags.theme ?? env("QUIQPAY_THEME") ?? file.theme
        let timeout = env("QUIQPAY_TIMEOUT").flatMap(Double.init) ?? file.timeoutSeconds ?? 10
        let attempts = env("QUIQPAY_RETRIES").flatMap(Int.init) ?? 4
        var currency = Currency.usd
        if let (code, source) = env("QUIQPAY_CURRENCY").map({ ($0, "QUIQPAY_CURRENCY") }) ?? file.currency.map({ ($0, configPath) }) {
            guard let found = Currency(code: code) else { throw .invalidCurrency(code, source: source) }
            currency = found
        }

        var explicitTrust: CertificateTrust?
        if let path = env("QUIQ_CA_FILE") {
            explicitTrust = try CertificateTrust.caFile(absolutePath(path, home: env("HOME"), relativeTo: nil), source: "QUIQ_CA_FILE")
        } else if let path = file.caFile {
            explicitTrust = try CertificateTrust.caFile(absolutePath(path, home: env("HOME"), relativeTo: paths.configDirectory),
                                                        source: "caFile in \(configPath)")
        }

        if !ignoringSite, let site = flags.site ?? env("QUIQ_SITE") ?? file.site {
            let baseURL = try SiteAddress.baseURL(for: site)
            guard let identity = env("QUIQ_API_IDENTITY") ?? file.apiIdentity else { throw .missingCredentials(site: baseURL) }
            let secret: String
            var secretSource = "QUIQ_API_SECRET"
            if let value = env("QUIQ_API_SECRET") {
                secret = value
            } else if let command = file.secretCommand {
                secret = try SecretCommand.run(command, configPath: configPath, environment: environment)
                secretSource = "the secretCommand in \(configPath)"
            } else if let value = file.apiSecret {
                secret = value
            } else {
                throw .missingCredentials(site: baseURL)
            }
            let credentials = Credentials(identity: identity, secret: secret)
            var live = ConsoleConfiguration(
                mode: .live(site: site), baseURL: baseURL, credentials: credentials, adminCredentials: nil,
                conversationId: conversation, theme: theme, endpoints: endpoints, timeout: timeout, attempts: attempts, watch: watch,
                paths: paths, sandbox: nil, warnings: warnings)
            live.currency = currency
            live.secretSource = secretSource
            live.idleInterval = max(1, section?.idleInterval ?? 5)
            live.trust = explicitTrust ?? .systemRoots
            return live
        }

        let sandbox: SandboxDescriptor
        if let embeddedSandbox {
            sandbox = embeddedSandbox
        } else {
            do throws(SandboxDescriptorError) {
                sandbox = try SandboxDescriptor.load(fromDataDirectory: dataDirectory)
            } catch {
                switch error {
                case .missing: throw .noSandbox(dataDirectory: dataDirectory)
                case .unreadable(let path, let reason), .unwritable(let path, let reason):
                    throw .invalidSandboxFile(path: path, reason: reason)
                }
            }
        }
        guard let agent = sandbox.keys["agent"] else {
            throw .invalidSandboxFile(path: SandboxDescriptor.path(inDataDirectory: dataDirectory), reason: "it has no agent key")
        }
        var local = ConsoleConfiguration(
            mode: .sandbox(dataDirectory: dataDirectory), baseURL: try SiteAddress.baseURL(for: sandbox.baseUrl),
            credentials: agent.credentials, adminCredentials: sandbox.keys["admin"]?.credentials,
            conversationId: conversation ?? sandbox.conversationId, theme: theme, endpoints: endpoints,
            timeout: timeout, attempts: attempts, watch: watch, paths: paths,
            sandbox: sandbox, warnings: warnings)
        local.currency = currency
        local.idleInterval = max(1, section?.idleInterval ?? 5)
        if let explicitTrust {
            local.trust = explicitTrust
        } else if let caFile = sandbox.caFile, sandbox.baseUrl.hasPrefix("https://") {
            local.trust = try CertificateTrust.caFile(caFile, source: "caFile in \(SandboxDescriptor.path(inDataDirectory: dataDirectory))")
        }
        return local
    }

    /// `~/x` under the home folder, a relative path under `directory` (the config folder for
    /// config.yaml's keys) or the current folder.
    static func absolutePath(_ path: String, home: String?, relativeTo directory: String?) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home { return home + path.dropFirst(1) }
        return (directory ?? FileManager.default.currentDirectoryPath) + "/" + path
    }
}
