import Foundation
import Screen

/// Whether the console talks to the embedded sandbox or to a real Quiq tenant.
public enum Mode: String, Hashable, Sendable {
    case sandbox, live

    var banner: String { self == .live ? " LIVE " : " SANDBOX " }
    var role: Role { self == .live ? .bannerLive : .bannerSandbox }
}

/// The link to the platform as the status line shows it: the worst of `Health`'s reports.
public enum ConnectionState: Hashable, Sendable {
    case notStarted
    case connecting
    case connected
    /// Some requests fail while others get through; the reason is shown.
    case degraded(String)
    /// Nothing gets through: why, and when the next attempt comes (nil: not scheduled).
    case offline(String, retryAt: Date?)
    /// The site's TLS certificate is refused: the reason, with what to do.
    case untrusted(String)

    func label(now: Date, offset: Int) -> String {
        switch self {
        case .notStarted: "○ not connected"
        case .connecting: "◌ connecting"
        case .connected: "● connected"
        case .degraded(let reason): "◐ degraded: " + reason
        case .offline(_, let retryAt):
            "✕ unreachable" + (retryAt.map { ", retry " + StatusLine.clockText($0, offset: offset) } ?? "")
        case .untrusted(let reason): "✕ " + reason
        }
    }

    var role: Role {
        switch self {
        case .notStarted: .muted
        case .connecting, .degraded: .statusPending
        case .connected: .statusPaid
        case .offline, .untrusted: .error
        }
    }
}

/// What the status line reports: mode, site, and the health of the link.
public struct StatusInfo: Hashable, Sendable {
    public var mode: Mode
    public var site: String
    public var health: Health

    public init(mode: Mode = .sandbox, site: String = "sandbox", health: Health = Health()) {
        self.mode = mode
        self.site = site
        self.health = health
    }

    public var connection: ConnectionState { health.connection }
    public var lastGoodPoll: Date? { health.lastGoodPoll }
}

/// The top line: mode banner, screen, site, connection, time since the last good poll, clock.
enum StatusLine {
    static func render(_ state: AppState, into frame: inout Frame, row: Int) {
        let width = frame.size.cols
        frame.fill(Rect(row: row, col: 0, rows: 1, cols: width), role: .text)
        let status = state.status
        var col = frame.write(status.mode.banner, row: row, col: 0, role: status.mode.role)
        col += frame.write(" \(state.screen.title) ", row: row, col: col, role: .accent)
        let clock = " " + clockText(state.now, offset: state.utcOffsetSeconds) + " "
        let right = width - clock.count
        frame.write(clock, row: row, col: right, role: .muted)
        // Connection first: when the platform is unreachable that matters more than its name.
        var parts: [(String, Role)] = [
            (" \(status.connection.label(now: state.now, offset: state.utcOffsetSeconds)) ", status.connection.role),
            (" \(status.site) ", .text),
        ]
        if state.screen == .board {
            // A refresh that changes nothing leaves the state alone, so the board states its cadence instead of an age.
            parts.append(state.board.paused ? (" PAUSED ", .bannerLive) : (" refresh \(state.board.intervalSeconds)s ", .muted))
        } else {
            parts.append((" polled " + age(since: status.lastGoodPoll, now: state.now) + " ", .muted))
        }
        // The connection is always shown, cut at the clock if its reason is long; the rest only whole.
        for (index, (text, role)) in parts.enumerated() where index == 0 || col + text.columns <= right {
            col += frame.write(text, row: row, col: col, role: role, limit: right - col)
        }
    }

    /// `12s ago`, `3m ago`, `2h ago`, or `never`.
    static func age(since date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        return compactDuration(now.timeIntervalSince(date)) + " ago"
    }

    static func clockText(_ date: Date, offset: Int) -> String {
        let seconds = (Int(date.timeIntervalSince1970.rounded(.down)) + offset) % 86_400
        let s = seconds < 0 ? seconds + 86_400 : seconds
        return Digits.clock(secondOfDay: s)
    }
}
