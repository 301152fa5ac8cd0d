import Foundation

/// A file a long-running child (a server) writes its stdout to, read by polling with a
/// deadline. A pipe would need a blocking read, with no bound, on a thread of its own; a file
/// can be read at any moment without waiting.
public final class OutputFile: Sendable {
    public let path: String

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-output-\(UUID().uuidString).out").path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ChildProcess.Failure(description: "could not create \(path) for a child's output")
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A handle for `Process.standardOutput`; close it once the child runs (the child keeps its own).
    public func handle() throws -> FileHandle { try FileHandle(forWritingTo: URL(fileURLWithPath: path)) }

    /// The complete lines written so far.
    public var lines: [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
        return complete.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    /// Waits until `count` lines were written, the child stopped (`running` false), or `limit`
    /// passed, and returns the lines there are: the caller requires the count it needs.
    public func waitForLines(_ count: Int, while running: () -> Bool, within limit: Duration = .seconds(15)) async throws -> [String] {
        let deadline = ContinuousClock.now + limit
        while lines.count < count, running(), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return Array(lines.prefix(count))
    }
}
