import Logging
import ServiceLifecycle

/// Expires payments on time even if nobody reads them, and forgets old idempotency keys.
/// Stops at graceful shutdown.
struct ExpirySweeper: Service {
    let store: PaymentStore
    let clock: SandboxClock
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                do {
                    let expired = try await store.expireDue(now: clock.nowMilliseconds())
                    if expired > 0 { logger.info("sweeper expired payments", metadata: ["count": "\(expired)"]) }
                } catch {
                    logger.error("sweeper pass failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
