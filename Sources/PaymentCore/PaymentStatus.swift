/// Where a payment message is in its life (API.md): the one status machine every module uses.
///
/// ```
/// pending ─open─▶ opened ─reply─▶ paid | failed
///    └──────────────┴─────────▶ expired | cancelled
/// ```
public enum PaymentStatus: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case pending, opened, paid, failed, expired, cancelled

    /// Paid, failed, expired and cancelled: nothing can happen to the payment any more.
    public var isTerminal: Bool {
        switch self {
        case .pending, .opened: false
        case .paid, .failed, .expired, .cancelled: true
        }
    }

    /// True only before a terminal state, as the `active` field of a payment message.
    public var isActive: Bool { !isTerminal }

    /// The status that `transition` leads to from here, or an error naming why it cannot happen.
    public func applying(_ transition: PaymentTransition) throws(PaymentTransitionError) -> PaymentStatus {
        guard !isTerminal else { throw PaymentTransitionError(from: self, transition: transition) }
        switch (self, transition) {
        case (.pending, .open): return .opened
        case (.opened, .open): throw PaymentTransitionError(from: self, transition: transition)
        case (_, .succeed): return .paid
        case (_, .fail): return .failed
        case (_, .expire): return .expired
        case (_, .cancel): return .cancelled
        default: throw PaymentTransitionError(from: self, transition: transition)
        }
    }

    /// Whether some transition leads from this status straight to `next`.
    public func canMove(to next: PaymentStatus) -> Bool {
        PaymentTransition.allCases.contains { (try? applying($0)) == next }
    }

    /// Display order: live ones first, then outcomes.
    public static func < (lhs: PaymentStatus, rhs: PaymentStatus) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .pending: 0
        case .opened: 1
        case .paid: 2
        case .failed: 3
        case .expired: 4
        case .cancelled: 5
        }
    }
}

/// What can happen to a payment.
public enum PaymentTransition: String, Hashable, Sendable, CaseIterable {
    /// The Client read it for the first time.
    case open
    /// The Client replied with `success`.
    case succeed
    /// The Client replied with `failure`.
    case fail
    /// Its `expiresAt` passed.
    case expire
    /// The agent withdrew it.
    case cancel
}

/// A transition that the status machine refuses.
public struct PaymentTransitionError: Error, Hashable, Sendable, CustomStringConvertible {
    public let from: PaymentStatus
    public let transition: PaymentTransition

    public var description: String {
        from.isTerminal
            ? "The payment is already \(from.rawValue): nothing more can happen to it."
            : "A payment that is \(from.rawValue) cannot \(transition.rawValue)."
    }
}
