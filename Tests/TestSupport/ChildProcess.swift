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
        /// stdout and stderr, interleaved as the child wrote them (stdout alone with `errorsApart`).
        public let output: String
        /// stderr, when it was kept apart (`errorsApart`); empty otherwise.
        public let errors: String
    }

    /// The child could not be started, or did not finish in time.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `errorsApart` keeps stderr out of `output` (a child that prints a report on stdout and
    /// its log on stderr), in `Result.errors`.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           timeout: Duration = .seconds(60), errorsApart: Bool = false) async throws -> Result {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)").path
        let outputPath = base + ".out", errorsPath = base + ".err"
        for path in errorsApart ? [outputPath, errorsPath] : [outputPath] {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw Failure(description: "could not create \(path) for the output of \(executable)")
            }
        }
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            if errorsApart { try? FileManager.default.removeItem(atPath: errorsPath) }
        }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errors = errorsApart ? try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath)) : output
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        // The child has its own copies; ours are only closed early (a failed close changes nothing).
        let closeOurs = {
            try? output.close()
            if errorsApart { try? errors.close() }
        }
        do { try process.run() } catch {
            closeOurs()
            throw Failure(description: "could not start \(executable): \(error)")
        }
        closeOurs()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            do { try await Task.sleep(for: .milliseconds(10)) } catch {
                kill(process.processIdentifier, SIGKILL)  // the test was cancelled: leave no child behind
                throw error
            }
        }
        let text = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) was still running after \(timeout) and was killed; it printed: \(text(outputPath)) \(errorsApart ? text(errorsPath) : "")")
        }
        return Result(status: process.terminationStatus, output: text(outputPath), errors: errorsApart ? text(errorsPath) : "")
    }
}
