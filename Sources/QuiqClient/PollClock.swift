import Foundation

/// Time as the client and the watcher see it: a monotonic reading in seconds and a way to
/// wait. Injected so tests run on short, or scaled, time instead of real minutes.
public struct PollClock: Sendable {
    public var now: @Sendable () -> Double
    public var sleep: @Sendable (Double) async throws -> Void

    public init(now: @escaping @Sendable () -> Double, sleep: @escaping @Sendable (Double) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The real continuous clock.
    public static let system: PollClock = {
        let origin = ContinuousClock.now
        return PollClock(
            now: { (ContinuousClock.now - origin).seconds },
            sleep: { seconds in try await Task.sleep(for: .seconds(max(0, seconds))) })
    }()

    /// Real time running `factor` times faster: a 2 s interval passes in 2/factor s.
    public static func accelerated(by factor: Double) -> PollClock {
        let origin = ContinuousClock.now
        return PollClock(
            now: { (ContinuousClock.now - origin).seconds * factor },
            sleep: { seconds in try await Task.sleep(for: .seconds(max(0, seconds) / factor)) })
    }
}

extension Duration {
    /// The duration as floating-point seconds.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
