import Synchronization

/// A sleep that can be cut short: a poller waits on it between rounds, and `ring()` (a new
/// transcript on screen, "refresh now", a changed interval) wakes it at once. A ring while
/// nobody sleeps is kept for the next sleep, so no wake-up is lost; cancellation wakes too.
final class Alarm: Sendable {
    private struct State {
        var generation = 0
        var sleeper: CheckedContinuation<Void, Never>?
        var rung = false
        var expired: Int?
    }

    private let state = Mutex(State())

    /// Wakes the current sleep, or the next one.
    func ring() {
        state.withLock { state in
            if let sleeper = state.sleeper {
                state.sleeper = nil
                sleeper.resume()
            } else {
                state.rung = true
            }
        }
    }

    /// Returns after `seconds`, or sooner when rung or cancelled.
    func sleep(seconds: Double) async {
        let generation = state.withLock { state in
            state.generation += 1
            state.expired = nil
            return state.generation
        }
        let timer = Task { [weak self] in
            // Cancelled when the alarm rang first: then there is nothing left to wake.
            guard (try? await Task.sleep(for: .seconds(max(0, seconds)))) != nil else { return }
            self?.expire(generation)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                state.withLock { state in
                    if state.rung || state.expired == generation {
                        state.rung = false
                        continuation.resume()
                    } else {
                        state.sleeper = continuation
                    }
                }
            }
        } onCancel: {
            ring()
        }
        timer.cancel()
    }

    private func expire(_ generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if let sleeper = state.sleeper {
                state.sleeper = nil
                sleeper.resume()
            } else {
                state.expired = generation
            }
        }
    }
}
