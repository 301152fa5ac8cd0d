import Foundation
import PaymentCore

/// What the watcher reports: a payment's status changed, a payment could no longer be
/// followed, or the connection to the platform changed.
public enum WatchEvent: Sendable, Hashable {
    case changed(StatusChange)
    case lost(id: String, reason: String)
    case connection(ConnectionState)
}

/// One status change of one payment, reported once. When several happened between two polls
/// (e.g. while the platform was unreachable) each is reported, in order, from the payment's
/// event timeline.
public struct StatusChange: Sendable, Hashable {
    public var id: String
    /// nil for the first sighting of a payment whose state was unknown.
    public var from: PaymentStatus?
    public var to: PaymentStatus
    /// When the platform recorded it (RFC 3339), if it said.
    public var at: String?
    public var note: String?
    /// The payment as last read, after this change (and possibly later ones).
    public var message: PaymentMessage
}

/// How the watcher is getting on with the platform, for the status line.
public enum ConnectionState: Sendable, Hashable, CustomStringConvertible {
    /// Every recent request got an answer.
    case online
    /// Some requests fail (server errors, rate limits, timeouts) while others succeed.
    case degraded(reason: String)
    /// Nothing gets through since `since`; the next attempt comes in `nextRetryIn` seconds.
    case offline(since: Date, nextRetryIn: Double, reason: String)

    public var description: String {
        switch self {
        case .online: "online"
        case .degraded(let reason): "degraded: \(reason)"
        case .offline(let since, let next, let reason):
            "offline since \(ISO8601DateFormatter().string(from: since)) (\(reason)): next retry in \(QuiqClientError.seconds(next))"
        }
    }

    public var isOffline: Bool { if case .offline = self { true } else { false } }
}

/// What one full refresh cost: for the benchmark and for tests.
public struct CycleReport: Sendable, Hashable {
    /// Requests sent during the cycle (list pages plus individual reads).
    public var requests: Int
    /// Seconds on the watcher's clock.
    public var duration: Double
    /// Whether the list endpoint was used.
    public var usedList: Bool
    /// Status changes found.
    public var changes: Int
    /// Payments still being followed afterwards.
    public var active: Int
}
