import Foundation

/// `quiqpay sandbox` in a process of its own, for tests that need the platform as a separate
/// program: one they can stop, kill -9 and start again on the same port and data.
public final class SandboxProcess {
    /// Why the sandbox could not be started, said as a test failure.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// quiqpay's data folder, as `--data-dir` means it: the sandbox lives in `DIR/sandbox`.
    public let dataDirectory: String
    public let environment: [String: String]
    /// `http://127.0.0.1:PORT`, once started.
    public private(set) var baseURL = ""
    private var process: Process?

    /// Nothing runs until `start`. Output goes to `DIR.out`, next to the data directory.
    public init(dataDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.dataDirectory = dataDirectory
        self.environment = environment
    }

    deinit { kill() }

    /// The sandbox's own folder: database, signing key, `sandbox.json`.
    public var sandboxDirectory: String { dataDirectory + "/sandbox" }
    public var credentialsPath: String { sandboxDirectory + "/sandbox.json" }
    /// What it printed so far (stdout and stderr).
    public var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    private var outputPath: String { dataDirectory + "/sandbox.out" }

    /// The port it listens on, once started (to start it again on the same one).
    public var port: Int? { URLComponents(string: baseURL)?.port }

    /// Starts it and waits (up to 15 s, polling with `Task.sleep`, so no thread of the pool is
    /// held) until it says where it runs; `arguments` go after quiqpay's own.
    public func start(port: Int = 0, arguments: [String] = []) async throws {
        guard let binary = QuiqpayExecutable.path else { throw Failure(description: QuiqpayExecutable.notBuilt) }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: outputPath, contents: nil) else {
            throw Failure(description: "could not create \(outputPath) for the sandbox's output")
        }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["sandbox", "--port", "\(port)", "--data-dir", dataDirectory, "--log-level", "error"] + arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Sandbox running at ") }) {
                baseURL = String(line.dropFirst("Sandbox running at ".count))
                return
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        throw Failure(description: "quiqpay sandbox did not start within 15 s; it printed: \(text)")
    }

    /// SIGSTOP and SIGCONT: a platform that holds connections open and answers nothing, then wakes.
    public func pause() { if let process, process.isRunning { Foundation.kill(process.processIdentifier, SIGSTOP) } }
    public func resume() { if let process, process.isRunning { Foundation.kill(process.processIdentifier, SIGCONT) } }

    /// SIGTERM, as a user's Ctrl-C would: a graceful stop.
    public func stop() { end(with: SIGTERM) }

    /// SIGKILL: the process gets no chance to tidy up.
    public func kill() { end(with: SIGKILL) }

    /// Waits by polling rather than `waitUntilExit`, which can wait forever when another test's
    /// child inherited the descriptor Foundation watches. Synchronous, so a `defer` can call it:
    /// a signalled sandbox ends within milliseconds, and a stuck one is killed after 10 s.
    private func end(with signal: Int32) {
        guard let process else { return }
        self.process = nil
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// `sandbox.json`: base URL, a key per role, the Payment Key and the conversation id.
    public func credentials() -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: credentialsPath),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["baseUrl"] != nil else { return nil }
        return object
    }
}
