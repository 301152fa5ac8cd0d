@testable import ConsoleApp
import ConsoleUI
import Foundation
import Logging
import QuiqpayFiles
import Sandbox
import Testing

/// The one health model in the running console: the platform goes away under it and comes back.
@Suite("Console health, headless", .serialized)
struct HealthRuntimeTests {
    @Test("the platform stops: the status line says unreachable with the next retry, and connected again once it is back")
    func degradesAndRecovers() async throws {
        let home = try HeadlessConsole.makeHome()
        let paths = DataPaths(environment: HeadlessConsole.environment(home: home))
        var quiet = Logger(label: "test.sandbox")
        quiet.logLevel = .critical
        // A sandbox already serving this data folder, as `quiqpay sandbox` would: the console uses it.
        var sandbox = try await RunningSandbox.start(SandboxConfiguration(dataDirectory: paths.sandboxDirectory, logger: quiet))
        let port = try #require(URLComponents(string: sandbox.baseURL)?.port)
        try await HeadlessConsole.with(.configured, home: home) { console in
        #expect(console.services.platform == nil)
        try await console.waitFor("connected") { $0.rows.first?.contains("● connected") == true }
        await sandbox.stop()
        let down = try await console.waitFor("unreachable") { $0.rows.first?.contains("✕ unreachable, retry ") == true }
        #expect(down.state.status.health.reports[.heartbeat].map { if case .offline = $0 { true } else { false } } == true)
        sandbox = try await RunningSandbox.start(SandboxConfiguration(port: port, dataDirectory: paths.sandboxDirectory, logger: quiet))
        try await console.waitFor("connected again", timeout: 40) { $0.rows.first?.contains("● connected") == true }
        }
        await sandbox.stop()
    }
}
