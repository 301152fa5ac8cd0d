import Foundation
import Synchronization

/// Fans every `MerchantEvent` out to each current subscriber: one fresh stream per subscriber,
/// so a handshake view and a test can both listen without taking events from each other.
final class EventBroadcaster: Sendable {
    private struct State {
        var next = 0
        var subscribers: [Int: AsyncStream<MerchantEvent>.Continuation] = [:]
        var finished = false
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// A stream of the events from now on; it ends when the merchant stops.
    func subscribe() -> AsyncStream<MerchantEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: MerchantEvent.self, bufferingPolicy: .bufferingNewest(512))
        let id: Int? = state.withLock { state in
            if state.finished { return nil }
            let id = state.next
            state.next += 1
            state.subscribers[id] = continuation
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    func emit(_ kind: MerchantEvent.Kind, paymentId: String?) {
        let event = MerchantEvent(at: now(), paymentId: paymentId, kind: kind)
        let targets = state.withLock { Array($0.subscribers.values) }
        for continuation in targets { continuation.yield(event) }
    }

    func finish() {
        let targets = state.withLock { state in
            state.finished = true
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for continuation in targets { continuation.finish() }
    }
}
