import PaymentCore

/// How hard the watcher polls: a young payment (one that changed recently) every
/// `youngInterval`, older ones backing off by doubling toward `maxInterval`.
public struct WatchPolicy: Sendable, Hashable {
    /// Most requests in flight at once.
    public var concurrency: Int
    /// Seconds between polls of a payment that changed less than `youngAge` seconds ago.
    public var youngInterval: Double
    /// Seconds after its last change during which a payment counts as young; after that
    /// its interval doubles every `youngAge` seconds.
    public var youngAge: Double
    /// The longest interval between two polls of one payment, and of the list.
    public var maxInterval: Double
    /// Seconds between polls of a payment in `opened`: the customer is on the page, and the
    /// agent waits for the outcome.
    public var openedInterval: Double
    /// Items per page of the list endpoint.
    public var pageSize: Int
    /// Longest wait between attempts while the platform is offline.
    public var maxOfflineRetry: Double
    /// Whether to try the supervisor list endpoint at all (false: per-payment reads only).
    public var useListEndpoint: Bool
    /// Up to this many active payments are read one by one (a `304` each when unchanged);
    /// more are refreshed through the list.
    public var individualReadLimit: Int

    public init(concurrency: Int = 16, youngInterval: Double = 2, youngAge: Double = 60,
                maxInterval: Double = 30, openedInterval: Double = 0.25, pageSize: Int = 100, maxOfflineRetry: Double = 30,
                useListEndpoint: Bool = true, individualReadLimit: Int = 20) {
        self.concurrency = max(1, concurrency)
        self.youngInterval = max(0.001, youngInterval)
        self.youngAge = max(0.001, youngAge)
        self.maxInterval = max(self.youngInterval, maxInterval)
        self.openedInterval = max(0.05, openedInterval)
        self.pageSize = max(1, pageSize)
        self.maxOfflineRetry = max(self.youngInterval, maxOfflineRetry)
        self.useListEndpoint = useListEndpoint
        self.individualReadLimit = max(0, individualReadLimit)
    }

    /// Seconds until the next poll of a payment in `status` whose last change was `age` seconds ago.
    public func interval(status: PaymentStatus?, age: Double) -> Double {
        status == .opened ? min(openedInterval, interval(age: age)) : interval(age: age)
    }

    /// Seconds until the next poll of a payment whose last change was `age` seconds ago.
    public func interval(age: Double) -> Double {
        guard age > youngAge else { return youngInterval }
        let doublings = min((age - youngAge) / youngAge + 1, 30)
        return min(maxInterval, youngInterval * pow2(doublings))
    }

    private func pow2(_ x: Double) -> Double {
        var result = 1.0
        var remaining = x
        while remaining >= 1 { result *= 2; remaining -= 1 }
        return result * (1 + remaining)  // linear between powers: monotonic and cheap
    }
}
