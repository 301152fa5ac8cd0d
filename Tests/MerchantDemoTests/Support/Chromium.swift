import Foundation

/// Debian's headless Chromium, driven from the command line: `--dump-dom` loads a URL exactly as
/// the browser renders it (following redirects) and prints the DOM; `--screenshot` saves a PNG.
struct Chromium: Sendable {
    let path: String

    /// `chromium` on the PATH, if installed (`.ci/test` installs it).
    static let installed: Chromium? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return Chromium(path: candidate) }
        }
        return nil
    }()

    /// The DOM after the page loaded.
    func dumpDOM(_ url: String) async throws -> String {
        try await run(["--dump-dom", url])
    }

    /// Saves a screenshot of the page to `file`.
    func screenshot(_ url: String, to file: String, width: Int = 900, height: Int = 1300) async throws {
        _ = try await run(["--screenshot=\(file)", "--window-size=\(width),\(height)", "--hide-scrollbars", url])
    }

    private func run(_ arguments: [String]) async throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-chromium-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let all = ["--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
                   "--disable-extensions", "--disable-background-networking", "--user-data-dir=\(profile)"] + arguments
        let path = self.path
        // Blocking reads happen on a thread of their own, never on the cooperative pool that
        // also serves the in-process sandbox and merchant Chromium is talking to.
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: path)
                process.arguments = all
                let output = Pipe()
                process.standardOutput = output
                process.standardError = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
                DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: killer)
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                killer.cancel()
                guard process.terminationStatus == 0 else {
                    continuation.resume(throwing: ChromiumError(status: process.terminationStatus))
                    return
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
            thread.start()
        }
    }
}

struct ChromiumError: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "chromium exited with status \(status)" }
}
