import Foundation
import Logging
import PaymentCore
import QuiqClient
import QuiqpayFiles

/// `quiqpay doctor`'s checks of the configured site, in the order a connection fails: the
/// name, the port, TLS, then what the platform says of the keys, the settings, each route of
/// the endpoint table and the clock. A step that fails skips the ones that need it.
public enum SiteDoctor {
    /// Every site check for the configuration `flags`, `paths` and `environment` make (its
    /// warnings told to `note`); a configuration that cannot be made is the one, failed, check.
    public static func checks(flags: ConsoleConfiguration.Flags, paths: DataPaths, environment: [String: String],
                              note: (String) -> Void) async -> [DoctorCheck] {
        let configuration: ConsoleConfiguration
        do {
            configuration = try ConsoleConfiguration.resolve(flags: flags, paths: paths, environment: environment)
        } catch {
            let failure = CommandFailure(error)
            return [DoctorCheck("config", .fail, failure.message, failure: DoctorCheck.Failure(rawValue: failure.code) ?? .badInput)]
        }
        for warning in configuration.warnings { note(warning) }
        return await checks(configuration)
    }

    /// Every site check for `configuration`, in order; never throws: each problem is a check.
    public static func checks(_ configuration: ConsoleConfiguration, logger: Logger = Logger(label: "quiqpay.doctor")) async -> [DoctorCheck] {
        var checks = [configurationCheck(configuration)]
        guard let url = URLComponents(string: configuration.baseURL), let host = url.host, !host.isEmpty else {
            checks.append(.fail("dns", "\(configuration.baseURL) has no host name", fix: "set QUIQ_SITE to a URL such as https://acme.goquiq.com", .badInput))
            return checks
        }
        let https = url.scheme == "https"
        let port = url.port ?? (https ? 443 : 80)
        let sandbox = configuration.mode.isSandbox

        // DNS and TCP, below HTTP.
        let addresses: [String]
        switch await NetworkProbe.resolve(host) {
        case .failure(let failure):
            checks.append(.fail("dns", "\(host) does not resolve (\(failure.reason))",
                                fix: "check the site's name in QUIQ_SITE or config.yaml, and this machine's DNS", .unreachable))
            return checks + skipped(after: "dns")
        case .success(let found):
            addresses = found
            checks.append(.pass("dns", found == [host] ? "\(host) is an address" : "\(host) resolves to \(found.prefix(3).joined(separator: ", "))"))
        }
        // The first address that takes the connection, as the HTTP client would find it.
        var refusal: (address: String, reason: String)?
        var connected: String?
        for address in addresses.prefix(4) {
            switch await NetworkProbe.connect(address, port: port, timeout: min(configuration.timeout, 5)) {
            case .success: connected = address
            case .failure(let failure): refusal = refusal ?? (address, failure.reason)
            }
            if connected != nil { break }
        }
        if let connected {
            checks.append(.pass("tcp", "\(connected) port \(port) takes connections"))
        } else {
            let fix = sandbox
                ? "start the sandbox with `quiqpay sandbox` (sandbox.json names a port nothing listens on)"
                : "check the port in the site's URL and any firewall or proxy between here and \(host)"
            checks.append(.fail("tcp", "\(refusal?.address ?? host) port \(port) takes no connection (\(refusal?.reason ?? "no address"))",
                                fix: fix, .unreachable))
            return checks + skipped(after: "tcp")
        }

        let agent = QuiqAPI(options: configuration.apiOptions(retry: RetryPolicy.none), logger: logger)
        let admin = configuration.adminCredentials.map { _ in QuiqAPI(options: configuration.apiOptions(retry: RetryPolicy.none, admin: true), logger: logger) }
        checks += await overHTTP(configuration, agent: agent, admin: admin, host: host, https: https)
        await agent.shutdown()
        await admin?.shutdown()
        return checks
    }

    /// The checks that go through the client every command uses: TLS, keys, settings, routes, clock.
    static func overHTTP(_ configuration: ConsoleConfiguration, agent: QuiqAPI, admin: QuiqAPI?,
                         host: String, https: Bool) async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let sandbox = configuration.mode.isSandbox
        // TLS: the outcome of the client every command uses, with its trust settings.
        let trusted = DoctorCheck.pass("tls", "handshake with \(host) completed: the certificate is trusted")
        do throws(QuiqClientError) {
            try await agent.checkHealth()
            checks.append(https ? trusted : plainHTTP(host))
        } catch {
            if answered(error) {
                checks.append(https ? trusted : plainHTTP(host))
            } else if https {
                checks.append(.fail("tls", error.description,
                                    fix: "if \(host) uses a private CA, point QUIQ_CA_FILE (or caFile in config.yaml) at its certificate", .unreachable))
                return checks + skipped(after: "tls")
            } else {
                checks.append(.fail("http", error.description, fix: "check that the platform at \(configuration.baseURL) is running", .unreachable))
                return checks + skipped(after: "tls")
            }
        }

        // The keys, then the settings the admin key can read.
        checks.append(await agentKeyCheck(agent, configuration))
        let settingsAPI = admin ?? agent
        let settings: Result<PaymentSettings, QuiqClientError>
        do throws(QuiqClientError) {
            settings = .success(try await settingsAPI.settings())
        } catch {
            settings = .failure(error)
        }
        if admin != nil, let identity = configuration.adminCredentials?.identity {
            checks.append(adminKeyCheck(settings, identity: identity, sandbox: sandbox))
        }
        if let client = configuration.sandbox?.keys["client"] {
            checks.append(await clientKeyCheck(client.credentials, configuration))
        }
        checks += settingsChecks(settings)

        // Every route, and the clock from the answers' Date headers.
        var controls: [String: ProbeAnswer] = [:]
        var dated: ProbeAnswer?
        for operation in QuiqClient.Operation.allCases {
            let name = "route.\(operation.rawValue)"
            if configuration.endpoints.isDisabled(operation) {
                checks.append(.skip(name, "turned off in config.yaml (endpoints.\(operation.rawValue): off)"))
                continue
            }
            let endpoint = configuration.endpoints[operation]
            let api = operation == .getSettings || operation == .putSettings ? settingsAPI : agent
            let request = RouteCheck.request(for: operation, conversationId: configuration.conversationId)
            do throws(QuiqClientError) {
                let answer = try await api.probe(endpoint, request.parameters, query: request.query, body: request.body)
                if answer.date != nil, dated == nil || operation == .health { dated = answer }
                var control = controls[endpoint.method]
                if answer.status == 404, control == nil {
                    control = try await api.probe(RouteCheck.control(method: endpoint.method))
                    controls[endpoint.method] = control
                }
                checks.append(RouteCheck.classify(operation, endpoint: endpoint, answer: answer, control: control,
                                                  overridden: endpoint != EndpointTable.standard(operation),
                                                  configPath: configuration.paths.configFile))
            } catch {
                checks.append(.fail(name, error.description, fix: "check that the platform at \(configuration.baseURL) is running", .unreachable))
            }
        }
        checks.append(clockCheck(dated))
        return checks
    }

    /// Whether the platform answered over HTTP at all (any status, or a body not API.md's).
    static func answered(_ error: QuiqClientError) -> Bool {
        if case .invalidResponse = error { return true }
        return error.status != nil
    }

    // MARK: - The parts

    static func configurationCheck(_ configuration: ConsoleConfiguration) -> DoctorCheck {
        let file = configuration.paths.configFile
        let fileNote = FileManager.default.fileExists(atPath: file) ? "config \(file)" : "no config file (\(file))"
        switch configuration.mode {
        case .live:
            return .pass("config", "site \(configuration.baseURL), API key \(configuration.credentials.identity), secret from \(configuration.secretSource); \(fileNote)")
        case .sandbox:
            return .pass("config", "the sandbox at \(configuration.baseURL), keys from \(configuration.paths.sandboxDescriptorPath); \(fileNote)")
        }
    }

    /// The site's checks that were not run because `step` failed.
    static func skipped(after step: String) -> [DoctorCheck] {
        let later = ["dns", "tcp", "tls", "key.agent", "settings", "routes", "clock"]
        guard let index = later.firstIndex(of: step) else { return [] }
        return later[(index + 1)...].map { .skip($0, "not checked: \(step) failed") }
    }

    static func plainHTTP(_ host: String) -> DoctorCheck {
        isLoopback(host)
            ? .skip("tls", "plain HTTP to the loopback address \(host) (a local sandbox): no TLS to check")
            : .fail("tls", "plain HTTP to \(host): the API secret would cross the network unencrypted",
                    fix: "use the site's https:// address in QUIQ_SITE or config.yaml", .badInput)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}
