import Dispatch
import Synchronization

/// Runs async work to completion from the synchronous UI command (the main thread waits;
/// the work runs on the cooperative pool, never on the main actor).
public func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = WaitOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do {
            let value = try await body()
            outcome.result.withLock { $0 = .success(value) }
        } catch {
            outcome.result.withLock { $0 = .failure(error) }
        }
        done.signal()
    }
    done.wait()
    guard let result = outcome.result.withLock({ $0 }) else { throw CancellationError() }
    return try result.get()
}

/// Where `waitFor`'s task leaves its result for the waiting thread.
final class WaitOutcome<T: Sendable>: Sendable {
    let result = Mutex<Result<T, any Error>?>(nil)
}

/// `waitFor` for work that cannot fail (stopping the services, say).
public func waitFor<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let outcome = WaitOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        let value = await body()
        outcome.result.withLock { $0 = .success(value) }
        done.signal()
    }
    done.wait()
    // The task always stores its value before it signals.
    switch outcome.result.withLock({ $0 }) {
    case .success(let value): return value
    case .failure, .none: preconditionFailure("waitFor's task ended without a value")
    }
}
