import Foundation
import TestSupport

/// Headless Chromium driven by Selenium (Tests/Browser/checkout.py) with Debian's
/// chromium-driver, in the virtual environment `.ci/test` makes (`.venv-tests`). Under `CI=true`
/// a missing piece fails the test; elsewhere the suite is skipped and says what to install.
enum Browser {
    static let script = TestTools.repositoryRoot + "/Tests/Browser/checkout.py"
    static let chromium = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium"
    static let chromedriver = ProcessInfo.processInfo.environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver"

    /// What is missing, or nil when everything the browser tests need is installed.
    static let missing: String? = {
        let files = FileManager.default
        if !files.isExecutableFile(atPath: chromium) { return "chromium is not installed at \(chromium) (apt-get install chromium; .ci/test does)" }
        if !files.isExecutableFile(atPath: chromedriver) { return "chromedriver is not installed at \(chromedriver) (apt-get install chromium-driver; .ci/test does)" }
        if TestTools.python == nil { return TestTools.pythonMissing }
        return nil
    }()

    /// Run the suite when the tools are there, and always in CI (where a missing tool must fail).
    static var shouldRun: Bool { TestTools.inCI || missing == nil }

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
        guard let python = TestTools.python else { throw BrowserError(TestTools.pythonMissing) }
        var environment = ProcessInfo.processInfo.environment
        environment["CHROMIUM"] = chromium
        environment["CHROMEDRIVER"] = chromedriver
        // Output to files and the exit polled (ChildProcess): a chromedriver left holding a pipe
        // cannot make the test wait forever.
        let run = try await ChildProcess.run(python, [script, shortURL, card, cvc], environment: environment,
                                             timeout: .seconds(120), errorsApart: true)
        guard let report = try? JSONDecoder().decode(Report.self, from: Data(run.output.utf8)) else {
            throw BrowserError("checkout.py exited \(run.status) without a report; stderr: \(run.errors.suffix(1500))")
        }
        if let error = report.error {
            throw BrowserError("the browser failed at \(report.at ?? "?"): \(error); page: \(report.page_text ?? "")")
        }
        return report
    }
}

struct BrowserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
