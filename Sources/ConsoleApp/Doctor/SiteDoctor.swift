import Foundation
import Logging
import PaymentCore
import QuiqClient

/// `quiqpay doctor`'s checks of the configured site, in the order a connection fails: the
/// name, the port, TLS, then what the platform says of the keys, the settings, each route of
/// the endpoint table and the clock. A step that fails skips the ones that need it.
public enum SiteDoctor {
    /// Clock skew above this many seconds is a warning (`nbf`/`exp` of payment tokens).
    static let skewWarning: Double = 5
    /// Above this many, a failure: a token would be refused as not yet valid, or accepted late.
    static let skewFailure: Double = 60

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

    static func agentKeyCheck(_ api: QuiqAPI, _ configuration: ConsoleConfiguration) async -> DoctorCheck {
        let identity = configuration.credentials.identity
        do throws(QuiqClientError) {
            _ = try await api.paymentRequests(limit: 1)
            return .pass("key.agent", "API key \(identity) authenticates and may act as an agent")
        } catch {
            switch error {
            case .unauthorized:
                let fix = configuration.mode.isSandbox
                    ? "restart `quiqpay sandbox`: the keys in its sandbox.json are stale"
                    : "check QUIQ_API_IDENTITY and \(configuration.secretSource): they must be an agent key's identity and secret"
                return .fail("key.agent", "the platform rejected API key \(identity) (HTTP 401: wrong identity or secret)", fix: fix)
            case .forbidden(_, let message):
                return .fail("key.agent", "API key \(identity) authenticates but may not list payments (HTTP 403: \(message)): it is not an agent key",
                             fix: "configure an API key with the agent role in QUIQ_API_IDENTITY and \(configuration.secretSource)")
            case .unsupported:
                return .skip("key.agent", "not checked: the list of payments is not where endpoints.listPayments says (see route.listPayments)")
            default:
                return .fail("key.agent", error.description, fix: "run doctor again; if it persists, check the site", error.isUnreachable ? .unreachable : .refused)
            }
        }
    }

    static func adminKeyCheck(_ settings: Result<PaymentSettings, QuiqClientError>, identity: String, sandbox: Bool) -> DoctorCheck {
        switch settings {
        case .success:
            return .pass("key.admin", "API key \(identity) authenticates and may read the settings as an admin")
        case .failure(.unauthorized):
            return .fail("key.admin", "the platform rejected admin API key \(identity) (HTTP 401: wrong identity or secret)",
                         fix: sandbox ? "restart `quiqpay sandbox`: the keys in its sandbox.json are stale" : "check the admin key's identity and secret")
        case .failure(.forbidden(_, let message)):
            return .fail("key.admin", "API key \(identity) authenticates but may not read the settings (HTTP 403: \(message)): it is not an admin key",
                         fix: "configure an API key with the admin role as the admin key")
        case .failure(let error):
            return .fail("key.admin", error.description, fix: "run doctor again; if it persists, check the site", error.isUnreachable ? .unreachable : .refused)
        }
    }

    /// The reference Client's key (in sandbox.json): a read of a made-up token must fail on
    /// the token (`invalid_token`), which the platform checks only after the key and its role.
    static func clientKeyCheck(_ credentials: Credentials, _ configuration: ConsoleConfiguration) async -> DoctorCheck {
        var options = configuration.apiOptions(retry: RetryPolicy.none)
        options.credentials = credentials
        let api = QuiqAPI(options: options)
        let read = Endpoint(method: "GET", pathTemplate: "/api/v1/messaging/custom-interactions/{token}")
        let answer: Result<ProbeAnswer, QuiqClientError>
        do throws(QuiqClientError) {
            answer = .success(try await api.probe(read, ["token": "quiqpay-doctor-made-up-token"]))
        } catch {
            answer = .failure(error)
        }
        await api.shutdown()
        let identity = credentials.identity
        let stale = "restart `quiqpay sandbox`: the keys in its sandbox.json are stale"
        switch answer {
        case .success(let heard) where heard.status == 401 && heard.errorCode == "invalid_token":
            return .pass("key.client", "API key \(identity) authenticates as the Client (only the made-up token was refused)")
        case .success(let heard) where heard.status == 401:
            return .fail("key.client", "the platform rejected the Client's API key \(identity) (HTTP 401: wrong identity or secret)", fix: stale)
        case .success(let heard) where heard.status == 403:
            return .fail("key.client", "API key \(identity) authenticates but may not read custom interactions (HTTP 403): it is not a Client key", fix: stale)
        case .success(let heard):
            return .warn("key.client", "the Client's read answered HTTP \(heard.status) to a made-up token: the key's role could not be told",
                         fix: "run doctor again; if it persists, " + stale)
        case .failure(let error):
            return .fail("key.client", error.description, fix: "check that the sandbox is running", .unreachable)
        }
    }

    static func settingsChecks(_ settings: Result<PaymentSettings, QuiqClientError>) -> [DoctorCheck] {
        switch settings {
        case .failure(.forbidden):
            let detail = "not checked: the agent key may not read the settings (HTTP 403)"
            return [.skip("settings.collectionUrl", detail + "; check the Payment Collection URL in Quiq's admin"),
                    .skip("settings.paymentKey", detail + "; check the Payment Key in Quiq's admin")]
        case .failure(let error):
            let detail = "not checked: the settings could not be read (\(error.description))"
            return [.skip("settings.collectionUrl", detail), .skip("settings.paymentKey", detail)]
        case .success(let settings):
            return [collectionURLCheck(settings.collectionUrl), paymentKeyCheck(settings.paymentKeySet)]
        }
    }

    /// HTTPS passes; plain HTTP to a loopback address (a Client beside a local sandbox) is a
    /// warning, since no card page should be served that way to a customer; elsewhere it fails.
    static func collectionURLCheck(_ url: String?) -> DoctorCheck {
        let name = "settings.collectionUrl"
        let fix = "set the Payment Collection URL to the Client's https:// payment page in the payment settings"
        guard let url, !url.isEmpty, let parts = URLComponents(string: url), let host = parts.host else {
            return .fail(name, "no Payment Collection URL is set: customers' links lead nowhere", fix: fix)
        }
        switch parts.scheme {
        case "https":
            return .pass(name, "the Payment Collection URL \(url) is HTTPS")
        case "http" where isLoopback(host):
            return .warn(name, "the Payment Collection URL \(url) is plain HTTP on loopback: fine for a local Client, never for customers",
                         fix: "before going live, " + fix)
        default:
            return .fail(name, "the Payment Collection URL \(url) is not HTTPS: card details would cross the network unencrypted", fix: fix)
        }
    }

    static func paymentKeyCheck(_ isSet: Bool) -> DoctorCheck {
        isSet
            ? .pass("settings.paymentKey", "a Payment Key is set (its value is never shown)")
            : .fail("settings.paymentKey", "no Payment Key is set: the platform would refuse every reply of the Client",
                    fix: "set a Payment Key of 16 to 256 characters in the payment settings, and give the same one to the Client")
    }

    /// Compares the platform's `Date` (whole seconds) with the middle of the request.
    static func clockCheck(_ answer: ProbeAnswer?) -> DoctorCheck {
        guard let answer, let header = answer.date, let date = httpDate(header) else {
            return .skip("clock", "not checked: the platform sent no Date header")
        }
        let middle = answer.sentAt.addingTimeInterval(answer.answeredAt.timeIntervalSince(answer.sentAt) / 2)
        // The header truncates to the second: the platform's time is within [date, date + 1).
        let skew = date.addingTimeInterval(0.5).timeIntervalSince(middle)
        let size = abs(skew)
        let direction = skew > 0 ? "behind" : "ahead of"
        let fix = "synchronise this machine's clock (e.g. `timedatectl set-ntp true`): payment tokens carry nbf and exp times"
        if size <= 1.5 { return .pass("clock", "within a second of the platform's Date header") }
        let text = "this machine's clock is \(Int(size.rounded())) s \(direction) the platform's Date header"
        if size > skewFailure { return .fail("clock", text, fix: fix) }
        if size > skewWarning { return .warn("clock", text, fix: fix) }
        return .pass("clock", text + " (under \(Int(skewWarning)) s)")
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
