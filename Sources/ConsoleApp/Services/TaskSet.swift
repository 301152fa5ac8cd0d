import Synchronization

/// The background tasks of a running console: each is removed when it ends, and `cancelAll`
/// stops and awaits whatever is still running.
final class TaskSet: Sendable {
    private struct State {
        var next = 0
        var running: [Int: Task<Void, Never>] = [:]
        var closed = false
    }

    private let state = Mutex(State())

    /// Starts `body` off the UI thread; ignored once the set was closed.
    func spawn(_ body: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            guard !state.closed else { return }
            let id = state.next
            state.next += 1
            state.running[id] = Task.detached { [weak self] in
                await body()
                self?.finished(id)
            }
        }
    }

    /// How many tasks are still running (tests check that finished ones are let go).
    var count: Int { state.withLock { $0.running.count } }

    private func finished(_ id: Int) {
        _ = state.withLock { $0.running.removeValue(forKey: id) }
    }

    /// Cancels every task, waits for them, and refuses new ones.
    func cancelAll() async {
        let running = state.withLock { state in
            state.closed = true
            defer { state.running.removeAll() }
            return Array(state.running.values)
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}
