import Foundation
import Screen
@testable import Terminal
import Testing

/// The real ncurses writer on a screen with no terminal (newterm on /dev/null), read back
/// with mvwinnwstr. Curses state is global, hence serialized.
@Suite("Headless ncurses", .serialized)
struct HeadlessTerminalTests {
    static let size = Size(rows: 24, cols: 80)

    func frame(_ text: String, row: Int = 0, col: Int = 0) -> Frame {
        var frame = Frame(size: Self.size)
        frame.write(text, row: row, col: col, role: .text)
        return frame
    }

    @Test("wide characters take their real width on the curses screen")
    func wideCharacters() throws {
        let terminal = try Terminal(device: .headless(Self.size, termName: "xterm-256color"), theme: .plain)
        defer { terminal.stop() }
        var f = frame("a日本🎁b|")
        f.write("é中x", row: 1, col: 3, role: .accent)
        terminal.draw(f)
        #expect(terminal.readBack(row: 0).hasPrefix("a日本🎁b|   "))
        #expect(terminal.readBack(row: 1).hasPrefix("   é中x "))
        // The | after the wide characters is at column 8: each wide one took two cells.
        #expect(f.text(row: 0).firstIndex(of: "|").map { f.text(row: 0).distance(from: f.text(row: 0).startIndex, to: $0) } == 5)
        #expect(f[0, 8].character == "|")
    }

    @Test("the writer sends only changed cells")
    func diffing() throws {
        let terminal = try Terminal(device: .headless(Self.size, termName: "xterm-256color"), theme: .plain)
        defer { terminal.stop() }
        var f = frame("hello 世界")
        #expect(terminal.draw(f) == 80 * 24 - 2)  // every cell but the two continuations
        #expect(terminal.draw(f) == 0)
        f[10, 10] = Cell("x", role: .accent)
        #expect(terminal.draw(f) == 1)
        #expect(terminal.readBack(row: 10).hasPrefix("          x "))
        f.paint(row: 0, col: 0, count: 5, role: .selection)
        #expect(terminal.draw(f) == 5)
        f.write("世", row: 0, col: 0, role: .text)  // a wide character over two narrow ones
        #expect(terminal.draw(f) == 1)
        #expect(terminal.readBack(row: 0).hasPrefix("世llo 世界"))
        f.paint(row: 0, col: 1, count: 1, role: .accent)  // only the right half of 世
        #expect(terminal.draw(f) == 1)
        terminal.apply(.plain)
        #expect(terminal.draw(f) == 80 * 24 - 3)  // a new theme repaints everything
    }

    @Test("after a resize the next frame is drawn whole at the new size")
    func resize() throws {
        let terminal = try Terminal(device: .headless(Self.size, termName: "xterm-256color"), theme: .plain)
        defer { terminal.stop() }
        terminal.draw(frame("wide"))
        terminal.resize(to: Size(rows: 12, cols: 40))
        #expect(terminal.size == Size(rows: 12, cols: 40))
        #expect(terminal.draw(frame("stale")) == 0)  // a frame for the old size is not drawn
        var small = Frame(size: Size(rows: 12, cols: 40))
        small.write("small", row: 11, col: 35, role: .text)
        #expect(terminal.draw(small) == 480)
        #expect(terminal.readBack(row: 11) == String(repeating: " ", count: 35) + "small")
    }

    @Test("terminals without colour or with 8 colours still start")
    func fewColours() throws {
        // (xterm-direct is in ncurses-term, not installed by default: direct colour is not tested here.)
        for name in ["vt100", "xterm", "xterm-256color"] {
            let terminal = try Terminal(device: .headless(Size(rows: 12, cols: 40), termName: name), theme: .plain)
            terminal.draw(Frame(size: Size(rows: 12, cols: 40)))
            #expect(terminal.depth == ["vt100": .none, "xterm": .eight, "xterm-256color": .palette256][name])
            terminal.stop()
        }
    }

    @Test("a waker used after its terminal stopped and its thread ended signals nothing")
    func wakeAfterStop() async throws {
        // A headless console runs its loop on a thread of its own, which ends at quit, while
        // background tasks may still deliver actions: pthread_kill on an exited thread is undefined.
        let made = DispatchSemaphore(value: 0)
        let box = WakerBox()
        let thread = Thread {
            if let terminal = try? Terminal(device: .headless(Self.size, termName: "xterm-256color"), theme: .plain) {
                box.waker = terminal.waker()
                terminal.stop()
            }
            made.signal()
        }
        thread.start()
        made.wait()
        let waker = try #require(box.waker)
        wakeRequested.store(false, ordering: .releasing)
        for _ in 0..<1_000 { waker.wake() }
        #expect(wakeRequested.load(ordering: .acquiring) == false)
    }

    @Test("an unknown terminal type is a clear error")
    func unknownTerminal() {
        #expect(throws: TerminalError.unknownTerminalType("no-such-terminal")) {
            _ = try Terminal(device: .headless(Self.size, termName: "no-such-terminal"), theme: .plain)
        }
    }
}

private final class WakerBox: @unchecked Sendable {
    var waker: Waker?
}
