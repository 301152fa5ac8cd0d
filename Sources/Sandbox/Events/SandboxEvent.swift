import Foundation
import Synchronization

/// Something the platform did that a live view wants to see as it happens (the trainer's
/// handshake screen), without polling. Carries no secret and no token.
public enum SandboxEvent: Sendable, Hashable {
    /// Step 2 of the handshake: someone opened the short link `/p/CODE` and was redirected.
    case shortLinkOpened(code: String)
}

/// Fans each `SandboxEvent` out to every current subscriber, one fresh stream each.
final class SandboxEventBroadcaster: Sendable {
    private struct State {
        var next = 0
        var subscribers: [Int: AsyncStream<SandboxEvent>.Continuation] = [:]
        var finished = false
    }

    private let state = Mutex(State())

    /// The events from now on; the stream ends when the sandbox stops.
    func subscribe() -> AsyncStream<SandboxEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: SandboxEvent.self, bufferingPolicy: .bufferingNewest(256))
        let id: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            defer { state.next += 1 }
            state.subscribers[state.next] = continuation
            return state.next
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

    func emit(_ event: SandboxEvent) {
        for continuation in state.withLock({ Array($0.subscribers.values) }) { continuation.yield(event) }
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
