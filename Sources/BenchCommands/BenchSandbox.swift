import ArgumentParser
import Foundation
import Logging
import QuiqClient
import QuiqpayFiles
import Sandbox

/// The sandbox a benchmark measures: the one whose `sandbox.json` is given (a separate process,
/// so its CPU is not the benchmark's), else an in-memory one started here.
struct BenchSandbox {
    let credentials: SandboxDescriptor
    /// Set when this process started the sandbox; stop it when done.
    let started: RunningSandbox?

    static func attach(credentialsFile: String?, logger: Logger) async throws -> BenchSandbox {
        if let path = credentialsFile {
            return BenchSandbox(credentials: try SandboxDescriptor.load(file: path), started: nil)
        }
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(logger: logger))
        return BenchSandbox(credentials: sandbox.credentials, started: sandbox)
    }

    /// The agent's client for this sandbox.
    func agentAPI(retry: RetryPolicy = RetryPolicy(), maxConnections: Int = 32, logger: Logger) throws -> QuiqAPI {
        guard let agent = credentials.agent else { throw ValidationError("The sandbox file has no agent key: restart `quiqpay sandbox`.") }
        return QuiqAPI(options: QuiqAPI.Options(baseURL: credentials.baseUrl, credentials: agent.credentials, retry: retry,
                                                maxConnections: maxConnections), logger: logger)
    }

    func stop() async { await started?.stop() }
}
