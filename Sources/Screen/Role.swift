/// What a cell means, never what colour it is: themes map each role to a style (docs/ARCHITECTURE.md).
public enum Role: String, Hashable, Sendable, CaseIterable {
    case background
    case text
    case muted
    case accent
    case border
    case statusPending = "status.pending"
    case statusOpened = "status.opened"
    case statusPaid = "status.paid"
    case statusFailed = "status.failed"
    case statusExpired = "status.expired"
    case statusCancelled = "status.cancelled"
    /// Needs attention soon, short of an error (a link about to expire).
    case warning
    case error
    case selection
    case bannerLive = "banner.live"
    case bannerSandbox = "banner.sandbox"

    /// One character per role for text snapshots of a frame's roles.
    public var code: Character {
        switch self {
        case .background: "."
        case .text: "t"
        case .muted: "m"
        case .accent: "a"
        case .border: "b"
        case .statusPending: "P"
        case .statusOpened: "O"
        case .statusPaid: "$"
        case .statusFailed: "F"
        case .statusExpired: "X"
        case .statusCancelled: "C"
        case .warning: "W"
        case .error: "E"
        case .selection: "S"
        case .bannerLive: "L"
        case .bannerSandbox: "D"
        }
    }
}
