import ConsoleUI
import Synchronization
import Terminal

/// Where background tasks leave actions for the UI thread: a lock-protected queue that
/// also wakes the UI thread's input wait, so results show at once.
public final class ActionInbox: Sendable {
    private let queue = Mutex<[Action]>([])
    private let waker: Waker

    public init(waker: Waker) {
        self.waker = waker
    }

    /// Queues `action` from any thread or task.
    public func send(_ action: Action) {
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

/// The inbox, once the UI exists: services start before the terminal is taken over (so a
/// start-up error prints plainly), and report through this from then on.
final class InboxRelay: Sendable {
    private let inbox = Mutex<ActionInbox?>(nil)

    func connect(_ inbox: ActionInbox) { self.inbox.withLock { $0 = inbox } }

    /// Sends `action` to the UI; before the UI exists there is nobody to tell.
    func deliver(_ action: Action) { inbox.withLock { $0 }?.send(action) }

    var send: @Sendable (Action) -> Void { { [self] in deliver($0) } }
}
