import AsyncHTTPClient
import Foundation
import Testing
import TestSupport

/// The binary as a user installs it: copied alone into an empty folder and run from another
/// empty one. The themes and the OpenAPI document are compiled in, so nothing is missing.
// One tmux-driven suite at a time: every real-terminal suite is nested in ConsoleInTmuxTests (serialized).
extension ConsoleInTmuxTests {
@Suite("the installed binary", .serialized)
struct InstalledBinaryInTmuxTests {
    /// `bin/quiqpay`, a copy of the built binary with nothing beside it, and an empty `work/`.
    struct Install {
        let root: URL
        var binary: String { root.appendingPathComponent("bin/quiqpay").path }
        var work: String { root.appendingPathComponent("work").path }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-install-\(UUID().uuidString.prefix(8))")
            for folder in ["bin", "work"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            try FileManager.default.copyItem(atPath: try TmuxSession.binary(), toPath: binary)
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("bin").path) == ["quiqpay"])
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test("run from an empty folder, the console's first frame has no warning and `quiqpay themes` lists the built-in themes")
    func consoleAndThemes() async throws {
        let install = try Install()
        defer { install.remove() }
        let session = try TmuxSession()
        try session.type("cd \(install.work) && \(install.binary); echo EXIT=$?")
        try session.keys("Enter")
        let frame = try await session.waitFor("the first frame") { lines in
            lines.first?.contains("SANDBOX") == true && lines.contains { $0.contains("No payments yet.") }
                && lines.contains { $0.contains("?/F1 help") }
        }
        #expect(!frame.contains { $0.contains("Themes") || $0.contains("not found") || $0.contains("Using the") }, "\(frame)")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")

        try session.type("clear; \(install.binary) themes; echo THEMES=$?")
        try session.keys("Enter")
        let lines = try await session.waitFor("the list of themes") { $0.contains { $0.hasPrefix("THEMES=") } }
        #expect(lines.contains { $0.contains("THEMES=0") }, "\(lines)")
        for name in ["default", "dracula", "high-contrast", "light", "monochrome", "nord"] {
            #expect(lines.contains { $0.contains(name) && $0.contains("built in") }, "\(name) missing from \(lines)")
        }
        #expect(!lines.contains { $0.contains("not found") })
    }

    @Test("run from an empty folder, `quiqpay sandbox` serves GET /api/v1/openapi.yaml with 200")
    func sandboxServesOpenAPI() async throws {
        let install = try Install()
        defer { install.remove() }
        let session = try TmuxSession(cols: 200, rows: 24)
        try session.type("cd \(install.work) && \(install.binary) sandbox --port 0 --data-dir \(install.work)/data")
        try session.keys("Enter")
        let lines = try await session.waitFor("the sandbox's address") { $0.contains { $0.contains("Sandbox running at http://") } }
        let line = try #require(lines.first { $0.contains("Sandbox running at http://") })
        let base = try #require(line.components(separatedBy: "Sandbox running at ").last?.trimmingCharacters(in: .whitespaces))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let response = try await http.execute(HTTPClientRequest(url: base + "/api/v1/openapi.yaml"), timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 22))
            #expect(response.status == .ok)
            #expect(body.hasPrefix("openapi: 3.1") || body.contains("\nopenapi: 3.1"), "\(body.prefix(200))")
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        try session.keys("C-c")
    }
}
}
