@testable import ConsoleApp
import ConsoleUI
import Foundation
import Logging
import QuiqpayFiles
import Sandbox
import Testing

/// A sandbox already serving the data folder is the console's platform: it is not started a
/// second time, however config.yaml points the list.
@Suite("Sandbox reuse, headless", .serialized)
struct SandboxReuseTests {
    @Test("the list pointed at a path the sandbox does not have: the running sandbox is still used (read through the conversation), and connected")
    func listElsewhere() async throws {
        let home = try HeadlessConsole.makeHome()
        let paths = DataPaths(environment: HeadlessConsole.environment(home: home))
        var quiet = Logger(label: "test.sandbox")
        quiet.logLevel = .critical
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(dataDirectory: paths.sandboxDirectory, logger: quiet))
        let config = home.appendingPathComponent("config/quiqpay")
        do {
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try "endpoints:\n  listPayments: GET /no-list-here\n".write(to: config.appendingPathComponent("config.yaml"),
                                                                         atomically: true, encoding: .utf8)
            try await HeadlessConsole.with(.configured, home: home) { console in
                // Not the embedded sandbox of a second start: the one served elsewhere.
                #expect(console.services.platform == nil)
                try await console.waitFor("connected") { $0.rows.first?.contains("● connected") == true }
            }
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }
}
