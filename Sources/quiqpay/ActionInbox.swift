import ConsoleUI
import Synchronization
import Terminal

/// Where background tasks leave actions for the UI thread: a lock-protected queue that
/// also wakes the UI thread's input wait, so results show at once.
final class ActionInbox: Sendable {
    private let queue = Mutex<[Action]>([])
    private let waker: Waker

    init(waker: Waker) {
        self.waker = waker
    }

    /// Queues `action` from any thread or task.
    func send(_ action: Action) {
        queue.withLock { $0.append(action) }
        waker.wake()
    }

    /// Everything queued so far, oldest first; called by the UI thread only.
    func drain() -> [Action] {
        queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }
}
