import Foundation

/// Where the sandbox reads the time: the system clock in production, a clock the test moves
/// by hand when it checks expiry without waiting a minute.
public struct SandboxClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) {
        read = now
    }

    /// The wall clock.
    public static let system = SandboxClock { Date() }

    public func now() -> Date { read() }

    func nowMilliseconds() -> Int64 { Timestamp.milliseconds(read()) }
}
