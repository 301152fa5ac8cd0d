import Foundation
import Screen

/// A short message that shows at the bottom right and goes away by itself.
public struct Toast: Hashable, Sendable {
    public enum Level: Hashable, Sendable {
        case info, success, error

        var role: Role {
            switch self {
            case .info: .selection
            case .success: .statusPaid
            case .error: .error
            }
        }
    }

    public var message: String
    public var level: Level
    /// How long it stays; the first tick after `shownAt + duration` removes it.
    public var duration: TimeInterval
    /// Set by the reducer when the toast appears.
    public var shownAt: Date?
    /// A message too long for one line wraps upwards (up to 4 lines) instead of being cut:
    /// for what must be read whole, such as which line of a file to fix.
    public var wraps: Bool

    public init(_ message: String, level: Level = .info, duration: TimeInterval = 4, wraps: Bool = false) {
        self.message = message
        self.level = level
        self.duration = duration
        self.wraps = wraps
    }

    /// Whether it has been up long enough at `now`.
    public func hasExpired(at now: Date) -> Bool {
        guard let shownAt else { return false }
        return now.timeIntervalSince(shownAt) >= duration
    }

    /// Draws it on `row`, right-aligned in `area`, at most its width.
    public func render(into frame: inout Frame, row: Int, area: Rect) {
        let maxWidth = max(4, area.cols - 2)
        if wraps, " \(message) ".columns > maxWidth {
            let lines = wrap(message, width: maxWidth - 2).prefix(4)
            let width = (lines.map(\.columns).max() ?? 0) + 2
            for (index, line) in lines.enumerated() {
                let padded = " " + line + String(repeating: " ", count: width - 1 - line.columns)
                frame.write(padded, row: row - (lines.count - 1 - index), col: max(area.col, area.col + area.cols - width - 1),
                            role: level.role, limit: maxWidth)
            }
            return
        }
        var text = " \(message) "
        if text.columns > maxWidth {
            var cut = "", used = 0
            for ch in text {
                if used + ch.columns > maxWidth - 1 { break }
                cut.append(ch)
                used += ch.columns
            }
            text = cut + "…"
        }
        let col = area.col + area.cols - text.columns - 1
        frame.write(text, row: row, col: max(area.col, col), role: level.role, limit: maxWidth)
    }
}
