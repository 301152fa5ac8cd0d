import Foundation
import Logging
import Sandbox

/// The sandbox a benchmark measures: the one whose `sandbox.json` is given (a separate process,
/// so its CPU is not the benchmark's), else an in-memory one started here.
struct BenchSandbox {
    let credentials: SandboxCredentials
    /// Set when this process started the sandbox; stop it when done.
    let started: RunningSandbox?

    static func attach(credentialsFile: String?, logger: Logger) async throws -> BenchSandbox {
        if let path = credentialsFile {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return BenchSandbox(credentials: try JSONDecoder().decode(SandboxCredentials.self, from: data), started: nil)
        }
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(logger: logger))
        return BenchSandbox(credentials: sandbox.credentials, started: sandbox)
    }
}
