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
                                                maxConnections: maxConnections, trust: try trust()), logger: logger)
    }

    /// What an https sandbox may chain to, as the console decides it: `QUIQ_CA_FILE`, else the
    /// CA the sandbox made (its sandbox.json names it), else the system's roots.
    func trust() throws(ConfigurationError) -> CertificateTrust {
        if let path = ProcessInfo.processInfo.environment["QUIQ_CA_FILE"], !path.isEmpty {
            return try CertificateTrust.caFile(path, source: "QUIQ_CA_FILE")
        }
        if let path = credentials.caFile { return try CertificateTrust.caFile(path, source: "caFile in sandbox.json") }
        return .systemRoots
    }

    func stop() async { await started?.stop() }
}
