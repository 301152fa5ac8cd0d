import Foundation
import Testing

/// Compose, Board and Handshake of the real binary resized down to 40x12 and back; the
/// `QUIQPAY_THEME` and `TERM=xterm` (8 colours) paths.
// One tmux-driven suite at a time: every real-terminal suite is nested in ConsoleInTmuxTests (serialized).
extension ConsoleInTmuxTests {
@Suite("quiqpay resize and colours in tmux", .serialized)
struct ResizeInTmuxTests {
    /// The whole layout at `cols`x`rows`: the title in the status line, the key bar on the last
    /// row, the screen's own `body` text, and no "Too small".
    static func laidOut(_ lines: [String], rows: Int, title: String, keyBar: String, body: String) -> Bool {
        lines.count == rows && lines[0].contains(title) && lines[rows - 1].contains(keyBar)
            && lines.dropFirst().dropLast().contains { $0.contains(body) } && !lines.contains { $0.contains("Too small") }
    }

    /// Resizes to 40x12 and back to 120x40, checking the layout at each size.
    static func resizeDownAndBack(_ session: TmuxSession, title: String, keyBar: String, body: String) async throws {
        for (cols, rows) in [(40, 12), (120, 40)] {
            try session.resize(cols: cols, rows: rows)
            try await session.waitFor("the \(title) screen at \(cols)x\(rows)", timeout: 30) { lines in
                laidOut(lines, rows: rows, title: title, keyBar: keyBar, body: body)
            }
        }
    }

    @Test("Compose at 40x12 and back: fields, title and key bar at each size")
    func compose() async throws {
        let session = try await ConsoleInTmuxTests().openConsole()
        try session.keys("n")
        try await session.waitFor(text: "New payment")
        try session.type("Resized draft")
        try await session.waitFor(text: "Resized draft")
        try await Self.resizeDownAndBack(session, title: "Compose", keyBar: "F1 help", body: "Resized draft")
        try session.keys("Escape")
        try await session.waitFor(text: "No payments yet.")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("Board at 40x12 and back")
    func board() async throws {
        let session = try await ConsoleInTmuxTests().openConsole()
        try session.keys("b")
        try await session.waitFor("the board") { $0.first?.contains("Board") == true && $0.contains { $0.contains("No pending") } }
        try await Self.resizeDownAndBack(session, title: "Board", keyBar: "?/F1 help", body: "No pending")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("Handshake at 40x12 and back, after the autopilot's run")
    func handshake() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        try session.startConsole(arguments: "demo --autopilot --pause 0.3 --processor-delay-ms 100")
        try await session.waitFor(text: "paid · 7/7 steps", timeout: 30)
        try await Self.resizeDownAndBack(session, title: "Handshake", keyBar: "?/F1 help", body: "paid · 7/7 steps")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("QUIQPAY_THEME=light paints the light theme's colours, not the default's")
    func lightThemeFromEnvironment() async throws {
        let console = ConsoleInTmuxTests()
        let plain = try TmuxSession()
        try await console.firstFrame(plain)
        let light = try TmuxSession()
        try await console.firstFrame(light, environment: "QUIQPAY_THEME=light ")
        #expect(try light.capture().contains { $0.contains("No payments yet.") })
        let lightColours = try light.capture(escapes: true).joined()
        let defaultColours = try plain.capture(escapes: true).joined()
        #expect(lightColours != defaultColours)
        // light.yaml: paper white (255) behind dark ink (235).
        #expect(lightColours.contains("48;5;255") && lightColours.contains("38;5;235"), "not the light theme's colours")
        #expect(!defaultColours.contains("48;5;255"))
        for session in [plain, light] {
            try session.keys("q")
            try await session.waitFor(text: "EXIT=0")
        }
    }

    @Test("TERM=xterm: the console starts and draws with 8-colour SGR codes only")
    func eightColours() async throws {
        let session = try TmuxSession()
        try await ConsoleInTmuxTests().firstFrame(session, environment: "TERM=xterm ")
        let painted = try session.capture(escapes: true).joined()
        #expect(!painted.contains("38;5;") && !painted.contains("48;5;") && !painted.contains("38;2;"), "a 256- or true-colour code on an 8-colour terminal")
        // Some colour is drawn, all of it among the eight (30-37, 40-47; 39/49 are the defaults).
        let colour = try Regex("\\e\\[[0-9;]*m")
        let codes = painted.matches(of: colour).flatMap { String(painted[$0.range]).dropFirst(2).dropLast().split(separator: ";").compactMap { Int($0) } }
        #expect(codes.contains { (30...37).contains($0) || (40...47).contains($0) }, "nothing coloured: \(Set(codes).sorted())")
        #expect(codes.allSatisfy { !(90...107).contains($0) && $0 != 38 && $0 != 48 }, "codes outside 8 colours: \(Set(codes).sorted())")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
}
