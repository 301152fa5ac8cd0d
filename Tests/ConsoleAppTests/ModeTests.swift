@testable import ConsoleApp
import ConsoleUI
import Foundation
import Logging
import Sandbox
import Testing

/// The banner tells the truth: SANDBOX for a quiqpay sandbox however it was reached, LIVE only
/// for a site that is not known to be one.
@Suite("Console mode, headless", .serialized)
struct ModeRuntimeTests {
    @Test("a sandbox reached through QUIQ_SITE: the banner says SANDBOX, not LIVE")
    func sandboxThroughSite() async throws {
        var quiet = Logger(label: "test.sandbox")
        quiet.logLevel = .critical
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, logger: quiet))
        let agent = try #require(sandbox.credentials.agent)
        do {
            try await HeadlessConsole.with(.configured, extraEnvironment: [
                "QUIQ_SITE": sandbox.baseURL, "QUIQ_API_IDENTITY": agent.identity, "QUIQ_API_SECRET": agent.secret,
                "QUIQ_CONVERSATION": sandbox.credentials.conversationId,
            ]) { console in
                #expect(console.services.platform == nil)
                #expect(!console.services.configuration.mode.isSandbox)
                let shown = try await console.waitFor("the banner") { $0.state.status.health.started && $0.rows.first?.isEmpty == false }
                #expect(shown.state.status.mode == .sandbox)
                #expect(shown.rows.first?.contains("SANDBOX") == true && shown.rows.first?.contains("LIVE") == false, "\(shown.text)")
            }
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    @Test("a site that does not say it is a sandbox (here: nothing answers) is LIVE")
    func otherSiteIsLive() async throws {
        try await HeadlessConsole.with(.configured, extraEnvironment: [
            "QUIQ_SITE": "http://127.0.0.1:9", "QUIQ_API_IDENTITY": "agent", "QUIQ_API_SECRET": "not-a-secret",
            "QUIQ_CONVERSATION": "conv-1",
        ]) { console in
            let shown = try await console.waitFor("the banner") { $0.state.status.health.started && $0.rows.first?.isEmpty == false }
            #expect(shown.state.status.mode == .live)
            #expect(shown.rows.first?.contains("LIVE") == true, "\(shown.text)")
        }
    }
}
