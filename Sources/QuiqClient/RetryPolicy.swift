/// How often and how patiently a call is retried: exponential backoff with full jitter
/// (a random wait between zero and the capped exponential), so many consoles that lost the
/// platform at once do not return in lockstep.
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included; 1 disables retries.
    public var maxAttempts: Int
    /// The cap of the first wait, in seconds; each further wait doubles it.
    public var baseDelay: Double
    /// No wait exceeds this many seconds (a Retry-After from the platform may).
    public var maxDelay: Double
    /// Draws the jitter; injected so tests can make it deterministic.
    public var random: @Sendable (ClosedRange<Double>) -> Double

    public init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 8,
                random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.random = random
    }

    /// No retries: one attempt, the error as it came.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1`, after `attempt` failed attempts (1-based).
    public func delay(afterAttempt attempt: Int) -> Double {
        random(0...cap(afterAttempt: attempt))
    }

    /// The upper bound of the jittered wait after `attempt` failures.
    public func cap(afterAttempt attempt: Int) -> Double {
        let exponent = min(max(attempt - 1, 0), 30)
        return min(maxDelay, baseDelay * Double(1 << exponent))
    }
}
