import Logging
import ServiceLifecycle

/// Expires payments on time even if nobody reads them, and forgets old idempotency keys.
/// While no payment is pending or opened there is nothing to expire on time: it then waits
/// for the next write (a new payment) or `idleCheck`, so an idle sandbox does not wake each
/// second. Stops at graceful shutdown.
struct ExpirySweeper: Service {
    let store: PaymentStore
    let clock: SandboxClock
    let interval: Duration
    let logger: Logger
    /// How often idempotency keys are still swept with no payment active.
    var idleCheck: Duration = .seconds(60)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                do {
                    let pass = try await store.sweep(now: clock.nowMilliseconds())
                    if pass.expired > 0 { logger.info("sweeper expired payments", metadata: ["count": "\(pass.expired)"]) }
                    if !pass.anyActive { await store.nextWrite(timeout: idleCheck) }
                } catch {
                    logger.error("sweeper pass failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
