import Logging
import MerchantDemo
import Sandbox

/// The platform and the reference Client together in this process: what the console runs when
/// no site is configured (on disk, in `DataPaths.sandboxDirectory`), and what `quiqpay demo`
/// runs in memory. Their events feed the Handshake screen.
public struct EmbeddedPlatform: Sendable {
    public let sandbox: RunningSandbox
    public let merchant: RunningMerchant

    /// Starts the sandbox, then the Client registered on it; nothing is left running on failure.
    public static func start(_ configuration: SandboxConfiguration, processorDelay: Duration = .zero,
                             logger: Logger) async throws(ConsoleStartError) -> EmbeddedPlatform {
        let sandbox: RunningSandbox
        do {
            sandbox = try await RunningSandbox.start(configuration)
        } catch let error as SandboxStartError {
            throw .sandbox(error.description)
        } catch {
            throw .sandbox("\(error)")
        }
        do {
            let merchant = try await ReferenceClient.start(on: sandbox, processorDelay: processorDelay, logger: logger)
            return EmbeddedPlatform(sandbox: sandbox, merchant: merchant)
        } catch {
            await sandbox.stop()
            throw .referenceClient(error)
        }
    }

    /// Stops the Client before the platform it talks to.
    public func stop() async {
        await merchant.stop()
        await sandbox.stop()
    }
}
