import Foundation

/// Runs a program to completion with a deadline, for tests that call a tool (a validator,
/// quiqpay itself) and read what it printed.
///
/// `waitUntilExit` and `readDataToEndOfFile` have no bound: a child that hangs, or a grandchild
/// that keeps the pipe open, makes them wait forever and eat CI's whole budget. Here the output
/// goes to a file (no pipe to keep open), the exit is polled with `Task.sleep` (no thread of the
/// cooperative pool is held), and a child still running at the deadline is killed and reported.
public enum ChildProcess {
    public struct Result: Sendable {
        public let status: Int32
        /// stdout and stderr, interleaved as the child wrote them.
        public let output: String
    }

    /// The child could not be started, or did not finish in time.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           timeout: Duration = .seconds(60)) async throws -> Result {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).out").path
        guard FileManager.default.createFile(atPath: outputPath, contents: nil) else {
            throw Failure(description: "could not create \(outputPath) for the output of \(executable)")
        }
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch {
            try? output.close()  // the run failed; the error below is what matters
            throw Failure(description: "could not start \(executable): \(error)")
        }
        try? output.close()  // the child has its own copy; ours is only closed early
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            do { try await Task.sleep(for: .milliseconds(10)) } catch {
                kill(process.processIdentifier, SIGKILL)  // the test was cancelled: leave no child behind
                throw error
            }
        }
        let text = { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) was still running after \(timeout) and was killed; it printed: \(text())")
        }
        return Result(status: process.terminationStatus, output: text())
    }
}
