import Foundation

/// Headless Chromium driven by Selenium (Tests/Browser/checkout.py) with Debian's
/// chromium-driver, in the virtual environment `.ci/test` makes (`.venv-tests`). Under `CI=true`
/// a missing piece fails the test; elsewhere the suite is skipped and says what to install.
enum Browser {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("Tests/Browser/checkout.py").path
    static let chromium = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium"
    static let chromedriver = ProcessInfo.processInfo.environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
    /// `QUIQPAY_TEST_PYTHON`, else the virtual environment's interpreter.
    static let python = ProcessInfo.processInfo.environment["QUIQPAY_TEST_PYTHON"]
        ?? repository.appendingPathComponent(".venv-tests/bin/python").path

    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// What is missing, or nil when everything the browser tests need is installed.
    static let missing: String? = {
        let files = FileManager.default
        if !files.isExecutableFile(atPath: chromium) { return "chromium is not installed at \(chromium) (apt-get install chromium; .ci/test does)" }
        if !files.isExecutableFile(atPath: chromedriver) { return "chromedriver is not installed at \(chromedriver) (apt-get install chromium-driver; .ci/test does)" }
        if !files.isExecutableFile(atPath: python) { return "no Python at \(python): run .ci/test once, or set QUIQPAY_TEST_PYTHON to a python with selenium" }
        return nil
    }()

    /// Run the suite when the tools are there, and always in CI (where a missing tool must fail).
    static var shouldRun: Bool { inCI || missing == nil }

    /// What the script reported about the pages the browser went through.
    struct Report: Decodable, Sendable {
        var error: String?
        var at: String?
        var page_text: String?
        var startup_seconds: Double?
        var seconds: Double?
        var shop_origin: String?
        var shop_text: String?
        var shop_has_card_field: Bool?
        var card_origin: String?
        var card_text: String?
        var result_origin: String?
        var outcome: String?
        var result_text: String?
        var notice_background: String?
        var notice_rect: Rect?

        struct Rect: Decodable, Sendable {
            var x: Double
            var y: Double
            var width: Double
            var height: Double
        }
    }

    /// Pays through `shortURL` with `card` in a real browser; bounded at 120 s.
    static func pay(shortURL: String, card: String, cvc: String) async throws -> Report {
        if let missing { throw BrowserError(missing) }
        let (status, output, errors) = try await run([script, shortURL, card, cvc], within: 120)
        guard let report = try? JSONDecoder().decode(Report.self, from: Data(output.utf8)) else {
            throw BrowserError("checkout.py exited \(status) without a report; stderr: \(errors.suffix(1500))")
        }
        if let error = report.error {
            throw BrowserError("the browser failed at \(report.at ?? "?"): \(error); page: \(report.page_text ?? "")")
        }
        return report
    }

    /// Runs the python on a thread of its own (blocking reads must not hold the cooperative pool
    /// that serves the in-process servers the browser talks to), killed after `limit` seconds.
    private static func run(_ arguments: [String], within limit: Double) async throws -> (Int32, String, String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: python)
                process.arguments = arguments
                var environment = ProcessInfo.processInfo.environment
                environment["CHROMIUM"] = chromium
                environment["CHROMEDRIVER"] = chromedriver
                process.environment = environment
                let output = Pipe()
                // stderr goes to a file, read once the process ended: one pipe to drain, not two.
                let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-browser-\(UUID().uuidString).log").path
                _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
                defer { try? FileManager.default.removeItem(atPath: errorPath) }
                process.standardOutput = output
                process.standardError = FileHandle(forWritingAtPath: errorPath)
                do { try process.run() } catch {
                    continuation.resume(throwing: BrowserError("could not run \(python): \(error)"))
                    return
                }
                let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
                DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: killer)
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                killer.cancel()
                let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
                continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self), errors))
            }.start()
        }
    }
}

struct BrowserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
