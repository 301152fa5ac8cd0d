import Logging
import MerchantDemo
import Sandbox

/// The platform and the reference Client together in this process: what the console runs when
/// no site is configured, and what `quiqpay demo` runs in memory.
struct EmbeddedPlatform: Sendable {
    let sandbox: RunningSandbox
    let merchant: RunningMerchant

    /// Starts the sandbox, then the Client registered on it; nothing is left running on failure.
    static func start(_ configuration: SandboxConfiguration, processorDelay: Duration = .zero,
                      logger: Logger) async throws -> EmbeddedPlatform {
        let sandbox = try await RunningSandbox.start(configuration)
        do {
            let merchant = try await ReferenceClient.start(on: sandbox, processorDelay: processorDelay, logger: logger)
            return EmbeddedPlatform(sandbox: sandbox, merchant: merchant)
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    /// Stops the Client before the platform it talks to.
    func stop() async {
        await merchant.stop()
        await sandbox.stop()
    }
}
