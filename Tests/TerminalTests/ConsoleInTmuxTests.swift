import ConsoleUI
import Foundation
import Testing

/// The real binary in a real terminal (tmux): first frame, help, resize, quit, signals,
/// suspend, and the terminal's modes afterwards. Serialized: one tmux server at a time.
@Suite("quiqpay in tmux", .serialized)
struct ConsoleInTmuxTests {
    func firstFrame(_ session: TmuxSession, reportExit: Bool = true) throws {
        try session.startConsole(reportExit: reportExit)
        try session.waitFor("the first frame") { lines in
            lines.first?.contains("SANDBOX") == true && lines.contains { $0.contains("No payments yet.") }
                && lines.contains { $0.contains("? help") }
        }
    }

    @Test("the first frame appears; q quits with status 0 and the terminal is sane")
    func startAndQuit() throws {
        let session = try TmuxSession()
        try firstFrame(session)
        try session.keys("q")
        try session.waitFor(text: "EXIT=0")
        try session.assertTerminalSane()
    }

    @Test("? shows help listing every binding of the screen and the global ones")
    func help() throws {
        let session = try TmuxSession()
        try firstFrame(session)
        try session.keys("?")
        let lines = try session.waitFor(text: "Help: Payments")
        let shown = lines.joined(separator: "\n")
        for map in [AppState.keyMap(for: .payments), GlobalKeyMap.keyMap] {
            for line in map.helpLines {
                #expect(shown.contains(line.keys) && shown.contains(line.description), "help lacks \(line.keys) \(line.description)")
            }
        }
        try session.keys("Escape")
        try session.waitFor("help to close") { !$0.contains { $0.contains("Help: Payments") } }
        try session.keys("q")
        try session.waitFor(text: "EXIT=0")
    }

    @Test("resize to 40x12, below it, and back redraws at each size")
    func resize() throws {
        let session = try TmuxSession()
        try firstFrame(session)
        try session.resize(cols: 40, rows: 12)
        try session.waitFor("the 40x12 layout") { lines in
            lines.count == 12 && lines[0].contains("SANDBOX") && !lines[0].contains("sandbox (local)")
                && lines[11].contains("? help") && lines.contains { $0.contains("No payments yet.") }
        }
        try session.resize(cols: 30, rows: 8)
        try session.waitFor(text: "Too small")
        try session.resize(cols: 80, rows: 24)
        try session.waitFor("the 80x24 layout") { lines in
            lines.count == 24 && lines[0].contains("sandbox (local)") && lines[23].contains("? help")
                && lines[9].contains("No payments yet.") && !lines.contains { $0.contains("Too small") }
        }
        try session.keys("q")
        try session.waitFor(text: "EXIT=0")
        try session.assertTerminalSane()
    }

    @Test("SIGTERM, SIGINT and SIGHUP quit and restore the terminal", arguments: [(SIGTERM, 143), (SIGINT, 130), (SIGHUP, 129)])
    func signals(signal: Int32, status: Int) throws {
        let session = try TmuxSession()
        try firstFrame(session)
        kill(try session.consolePID(), signal)
        try session.waitFor(text: "EXIT=\(status)")
        try session.assertTerminalSane()
    }

    @Test("Ctrl-C quits like q")
    func controlC() throws {
        let session = try TmuxSession()
        try firstFrame(session)
        try session.keys("C-c")
        try session.waitFor(text: "EXIT=130")
        try session.assertTerminalSane()
    }

    @Test("Ctrl-Z suspends to the shell and fg redraws the console")
    func suspend() throws {
        let session = try TmuxSession()
        try firstFrame(session, reportExit: false)  // the shell reports the status after fg
        try session.keys("C-z")
        try session.waitFor(text: "Stopped")
        try session.type("fg")
        try session.keys("Enter")
        try session.waitFor("the console again") { lines in
            lines.first?.contains("SANDBOX") == true && lines.contains { $0.contains("No payments yet.") }
        }
        try session.keys(":")
        try session.type("quit")
        try session.keys("Enter")
        try session.waitFor("the shell after quit") { lines in
            ["#", "$"].contains(lines.last { !$0.isEmpty }?.trimmingCharacters(in: .whitespaces) ?? "")
        }
        try session.type("echo EXIT=$?")
        try session.keys("Enter")
        try session.waitFor(text: "EXIT=0")
        try session.assertTerminalSane()
    }
}
