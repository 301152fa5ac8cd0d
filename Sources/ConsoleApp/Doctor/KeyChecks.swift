import Foundation
import PaymentCore
import QuiqClient

/// Whether each configured key authenticates and has the role it is configured for.
extension SiteDoctor {
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
}
