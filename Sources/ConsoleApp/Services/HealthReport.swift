import ConsoleUI
import Foundation
import QuiqClient

/// How the client's errors and states read as `SourceHealth`: the one translation, used by
/// every source that reports.
enum HealthReport {
    /// A request that failed: unreachable (with when it retries) or degraded (with why).
    static func failure(_ error: QuiqClientError, retryIn: Double?, now: Date = Date()) -> SourceHealth {
        if case .certificate(_, let problem) = error { return .untrusted(certificateReason(problem)) }
        if error.isUnreachable {
            return .offline(shortReason(error), retryAt: retryIn.map { now.addingTimeInterval($0) })
        }
        return .degraded(error.description)
    }

    /// The watcher's view of its connection.
    static func watcher(_ state: QuiqClient.ConnectionState, now: Date = Date()) -> SourceHealth {
        switch state {
        case .online: .ok(at: now)
        case .degraded(let reason): .degraded(reason)
        case .offline(_, let next, let reason): .offline(reason, retryAt: now.addingTimeInterval(next))
        }
    }

    /// A retry the API announced for a call that must get through (create, cancel).
    static func retrying(_ error: QuiqClientError, now: Date = Date()) -> SourceHealth {
        if case .certificate(_, let problem) = error { return .untrusted(certificateReason(problem)) }
        if case .unreachable(_, let reason, let retryIn) = error {
            return .offline(reason, retryAt: retryIn.map { now.addingTimeInterval($0) })
        }
        return .degraded(error.description)
    }

    /// A refused certificate as the status line says it: short, with what to do.
    static func certificateReason(_ problem: CertificateProblem) -> String {
        switch problem {
        case .untrusted: "certificate not signed by a trusted CA: set QUIQ_CA_FILE or caFile"
        case .expired: "certificate expired or not yet valid: renew it"
        case .wrongHost(let host): "certificate not issued for \(host)"
        case .handshake(let reason): "no TLS: \(reason)"
        }
    }

    static func shortReason(_ error: QuiqClientError) -> String {
        switch error {
        case .unreachable(_, let reason, _): reason
        case .timedOut: "no answer"
        case .serverError(_, let status): "HTTP \(status)"
        default: "error"
        }
    }
}
