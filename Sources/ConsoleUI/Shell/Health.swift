import Foundation

/// Who reports on the link to the platform. Each keeps its own word in `Health`, so one
/// source's recovery never hides another's failure.
public enum HealthSource: String, Hashable, Sendable, CaseIterable {
    /// The console's cheap poll: `/healthz`, or the shown conversation.
    case heartbeat
    /// The payment watcher following this console's payments.
    case watcher
    /// The supervisor board's feed.
    case board
    /// Creating and cancelling payments.
    case send
}

/// One source's latest report.
public enum SourceHealth: Hashable, Sendable {
    /// Its last request got through, at this time.
    case ok(at: Date)
    /// Some of its requests fail while others get through; the reason is shown.
    case degraded(String)
    /// Nothing of it gets through: why, and when it tries next (nil: not scheduled).
    case offline(String, retryAt: Date?)
    /// The platform answers but quiqpay refuses its TLS certificate: why, and what to do, shown
    /// as it is (an unknown CA is not fixed by waiting).
    case untrusted(String)

    /// Worse is larger: offline or untrusted, then degraded, then ok.
    var severity: Int {
        switch self {
        case .ok: 0
        case .degraded: 1
        case .offline, .untrusted: 2
        }
    }
}

/// The one health model of the console: every source's last report, and what the status line
/// makes of them (the worst, with its reason).
public struct Health: Hashable, Sendable {
    public private(set) var reports: [HealthSource: SourceHealth] = [:]
    /// Whether the console has a platform to talk to at all (set once the services started).
    public var started = false

    public init(started: Bool = false) {
        self.started = started
    }

    /// Records `health` for `source`; nil when the source has nothing to say any more (a send
    /// that ended, a feed that stopped), so its last failure stops counting.
    public mutating func record(_ source: HealthSource, _ health: SourceHealth?) {
        reports[source] = health
    }

    /// The worst report, and whose it is; sources in `HealthSource` order break ties.
    public var worst: (source: HealthSource, health: SourceHealth)? {
        var found: (source: HealthSource, health: SourceHealth)?
        for source in HealthSource.allCases {
            guard let health = reports[source] else { continue }
            if found.map({ health.severity > $0.health.severity }) ?? true { found = (source, health) }
        }
        return found
    }

    /// What the status line shows.
    public var connection: ConnectionState {
        guard let worst else { return started ? .connecting : .notStarted }
        switch worst.health {
        case .ok: return .connected
        case .degraded(let reason): return .degraded(reason)
        case .offline(let reason, let retryAt): return .offline(reason, retryAt: retryAt)
        case .untrusted(let reason): return .untrusted(reason)
        }
    }

    /// The latest time any source got through.
    public var lastGoodPoll: Date? {
        reports.values.compactMap { if case .ok(let at) = $0 { at } else { nil } }.max()
    }
}
