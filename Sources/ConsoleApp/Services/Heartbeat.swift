import ConsoleUI
import Foundation
import QuiqClient
import Synchronization

/// The console's cheap poll, every interval: the transcript on screen (a `304` while nothing
/// was said), else the platform's health check, else the configured conversation on a platform
/// without one. It keeps the transcript current and reports `.heartbeat` health, so the status
/// line learns at once when the platform goes away, and when it comes back.
final class Heartbeat: Sendable {
    private let api: QuiqAPI
    private let interval: Double
    private let idleInterval: Double
    /// Whether anything is active (a payment followed): then the heartbeat runs every `interval`,
    /// else every `idleInterval`.
    private let busy: @Sendable () async -> Bool
    private let fallbackConversation: String?
    private let shown = Mutex<String?>(nil)
    /// Wakes the loop early: a newly shown transcript is read at once.
    private let alarm = Alarm()

    init(api: QuiqAPI, interval: Double, idleInterval: Double, fallbackConversation: String?,
         busy: @escaping @Sendable () async -> Bool) {
        self.api = api
        self.interval = interval
        self.idleInterval = max(interval, idleInterval)
        self.busy = busy
        self.fallbackConversation = fallbackConversation
    }

    /// The transcript on screen (the UI's `shownConversationId`), read at once and kept current.
    func follow(_ conversationId: String?) {
        shown.withLock { $0 = conversationId }
        alarm.ring()
    }

    func run(send: @escaping @Sendable (Action) -> Void) async {
        var failures = 0
        var loaded: String?  // the conversation last sent to the screen
        var healthCheck = true  // false on a platform without one: the configured conversation instead
        while !Task.isCancelled {
            let showing = shown.withLock { $0 }
            // A transcript on screen with no payment active changes only when a payment does: the
            // idle rate keeps it current, and a newly shown one is read at once (the alarm).
            var wait = await busy() ? interval : idleInterval
            do throws(QuiqClientError) {
                if let id = showing {
                    let read = try await api.conversationRead(id: id)
                    if !read.notModified || loaded != id { send(.conversationLoaded(read.conversation)) }
                    loaded = id
                } else if healthCheck {
                    do {
                        try await api.checkHealth()
                    } catch .unsupported(_, _, _), .notFound(_) {
                        healthCheck = false
                        continue
                    }
                } else if let id = fallbackConversation {
                    _ = try await api.conversationRead(id: id)
                }
                failures = 0
                send(.health(.heartbeat, .ok(at: Date())))
            } catch {
                failures += 1
                wait = min(30, interval * Double(1 << min(failures, 5)))
                // The platform asked for a pause: keep to it.
                if case .rateLimited(let after) = error { wait = max(wait, after ?? 0) }
                send(.health(.heartbeat, HealthReport.failure(error, retryIn: wait)))
            }
            await alarm.sleep(seconds: wait)
        }
    }
}
