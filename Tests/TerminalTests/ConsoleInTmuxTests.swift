import ConsoleUI
import Foundation
import Testing

/// The real binary in a real terminal (tmux): first frame, help, resize, quit, signals,
/// suspend, and the terminal's modes afterwards. Serialized: one tmux server at a time.
@Suite("quiqpay in tmux", .serialized)
struct ConsoleInTmuxTests {
    func firstFrame(_ session: TmuxSession, reportExit: Bool = true, environment: String = "") async throws {
        try session.startConsole(reportExit: reportExit, environment: environment)
        try await session.waitFor("the first frame") { lines in
            lines.first?.contains("SANDBOX") == true && lines.contains { $0.contains("No payments yet.") }
                && lines.contains { $0.contains("?/F1 help") }
        }
    }

    @Test("the first frame appears; q quits with status 0 and the terminal is sane")
    func startAndQuit() async throws {
        let session = try TmuxSession()
        try await firstFrame(session)
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
        try await session.assertTerminalSane()
    }

    @Test("? shows help listing every binding of the screen and the global ones")
    func help() async throws {
        let session = try TmuxSession()
        try await firstFrame(session)
        try session.keys("?")
        // Wait for the whole overlay (a capture may catch the frame half written), then check.
        let expected = [AppState.keyMap(for: .payments), GlobalKeyMap.keyMap].flatMap(\.helpLines)
        let lines = try await session.waitFor("help with every binding") { lines in
            expected.allSatisfy { line in lines.contains { $0.contains(line.keys) && $0.contains(line.description) } }
        }
        #expect(lines.contains { $0.contains("Help: Payments") })
        try session.keys("Escape")
        try await session.waitFor("help to close") { !$0.contains { $0.contains("Help: Payments") } }
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("resize to 40x12, below it, and back redraws at each size")
    func resize() async throws {
        let session = try TmuxSession()
        try await firstFrame(session)
        try session.resize(cols: 40, rows: 12)
        try await session.waitFor("the 40x12 layout") { lines in
            lines.count == 12 && lines[0].contains("SANDBOX") && !lines[0].contains("sandbox 127.0.0.1")
                && lines[11].contains("?/F1 help") && lines.contains { $0.contains("No payments yet.") }
        }
        try session.resize(cols: 30, rows: 8)
        try await session.waitFor(text: "Too small")
        try session.resize(cols: 80, rows: 24)
        try await session.waitFor("the 80x24 layout") { lines in
            lines.count == 24 && lines[0].contains("sandbox 127.0.0.1") && lines[23].contains("?/F1 help")
                && lines[9].contains("No payments yet.") && !lines.contains { $0.contains("Too small") }
        }
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
        try await session.assertTerminalSane()
    }

    @Test("SIGTERM, SIGINT and SIGHUP quit and restore the terminal", arguments: [(SIGTERM, 143), (SIGINT, 130), (SIGHUP, 129)])
    func signals(signal: Int32, status: Int) async throws {
        let session = try TmuxSession()
        try await firstFrame(session)
        kill(try await session.consolePID(), signal)
        try await session.waitFor(text: "EXIT=\(status)")
        try await session.assertTerminalSane()
    }

    @Test("Ctrl-C quits like q")
    func controlC() async throws {
        let session = try TmuxSession()
        try await firstFrame(session)
        try session.keys("C-c")
        try await session.waitFor(text: "EXIT=130")
        try await session.assertTerminalSane()
    }

    @Test("Ctrl-Z suspends to the shell and fg redraws the console")
    func suspend() async throws {
        let session = try TmuxSession()
        try await firstFrame(session, reportExit: false)  // the shell reports the status after fg
        try session.keys("C-z")
        try await session.waitFor(text: "Stopped")
        try session.type("fg")
        try session.keys("Enter")
        try await session.waitFor("the console again") { lines in
            lines.first?.contains("SANDBOX") == true && lines.contains { $0.contains("No payments yet.") }
        }
        try session.keys(":")
        try session.type("quit")
        try session.keys("Enter")
        try await session.waitFor("the shell after quit") { lines in
            ["#", "$"].contains(lines.last { !$0.isEmpty }?.trimmingCharacters(in: .whitespaces) ?? "")
        }
        try session.type("echo EXIT=$?")
        try session.keys("Enter")
        try await session.waitFor(text: "EXIT=0")
        try await session.assertTerminalSane()
    }

    @Test("a crash restores the terminal first, then the crash report shows")
    func crash() async throws {
        let session = try TmuxSession()
        try await firstFrame(session, environment: "SWIFT_BACKTRACE=interactive=no ")
        kill(try await session.consolePID(), SIGSEGV)
        try await session.waitFor(text: "EXIT=139", timeout: 90)  // the backtracer symbolicates first: slow on a loaded machine
        let lines = try session.capture(history: true)
        #expect(lines.contains { $0.contains("Program crashed") }, "no crash report after the terminal was restored")
        #expect(!lines.contains { $0.contains("No payments yet.") }, "the console's screen was left behind")
        try await session.assertTerminalSane()
    }

    @Test("pasted text arrives whole in the prompt; :theme switches the theme")
    func pasteAndTheme() async throws {
        let session = try TmuxSession()
        try await firstFrame(session)
        try session.keys(":")
        try await session.waitFor("the prompt") { $0.last { !$0.isEmpty }?.hasPrefix(":") == true }
        try session.paste("theme nord")
        try await session.waitFor(text: ":theme nord")
        try session.keys("Enter")
        try await session.waitFor(text: "Theme nord.")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("an unknown --theme falls back to default and says why")
    func unknownTheme() async throws {
        let session = try TmuxSession()
        try session.startConsole(arguments: "--theme nope")
        try await session.waitFor(text: "Themes/nope.yaml: no such theme")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("the default theme paints in 256 colours; NO_COLOR paints none")
    func colours() async throws {
        let coloured = try TmuxSession()
        try await firstFrame(coloured)
        let painted = try coloured.capture(escapes: true).joined()
        #expect(painted.contains("38;5;"), "no 256-colour foreground in the default theme")
        let plain = try TmuxSession()
        try await firstFrame(plain, environment: "NO_COLOR=1 ")
        let monochrome = try plain.capture(escapes: true).joined()
        // Any SGR colour (30-37, 40-47, 90-97, 100-107, 38;..., 48;...); 39 and 49 are the defaults.
        let colour = try Regex("[\\[;](3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]")
        #expect(monochrome.firstMatch(of: colour) == nil, "colour under NO_COLOR")
        #expect(monochrome.contains("\u{1B}[7m") || monochrome.contains(";7m"), "the sandbox banner should be reversed")
    }
}
