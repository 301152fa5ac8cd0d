#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Dispatch
import Screen

/// The screen and keyboard through ncursesw: the only type in quiqpay that calls curses.
///
/// Not thread-safe by design: create it, draw and read on one thread (the UI loop).
/// Background work reaches that thread as actions, never by calling in here.
public final class Terminal {
    /// What curses was started on: the user's terminal, or /dev/null for tests.
    public enum Device: Sendable {
        /// The process's own terminal (stdin/stdout), with signal handling and bracketed paste.
        case tty
        /// A screen of `size` with no terminal at all, for tests: output goes to /dev/null and
        /// input waits on an empty pipe, so a loop on it waits as on a quiet keyboard.
        case headless(Size, termName: String)
    }

    public private(set) var size: Size
    public private(set) var depth: ColourDepth
    /// Cells written to curses by the last `draw`: the measure of the diffing writer.
    public private(set) var cellsWrittenLastDraw = 0
    /// True once input keeps failing at once instead of waiting: the terminal went away
    /// (a closed pty without SIGHUP). The loop should end rather than spin.
    public private(set) var inputClosed = false
    private var immediateFailures = 0

    private let device: Device
    private var screen: OpaquePointer?
    /// The streams curses reads and writes, closed after `delscreen`.
    private let files: (output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>)
    private let window: UnsafeMutablePointer<WINDOW>
    private var palette: Palette
    private var previous: Frame?
    private var cursorVisible: Bool?
    private var decoder: KeyDecoder
    private var pending: [InputEvent] = []
    private var stopped = false
    /// The write end of the headless screen's input pipe, held open so reads wait instead of
    /// seeing the end of the input.
    private var quietInput: Int32 = -1
    /// The thread that `waker()` handles signal; retired at `stop`, before the UI thread can end.
    private let wakeTarget = WakeTarget()

    /// curses has one set of globals per process: a second screen waits until the first stopped
    /// (tests open headless screens from several suites at once).
    private static let oneScreen = DispatchSemaphore(value: 1)

    /// The user's locale, or C.UTF-8 where it is not UTF-8 (wide characters need one; C.UTF-8
    /// always exists here). Set once per process: `setlocale` is unsafe while other threads
    /// format or convert text, and a test process opens many headless screens beside them.
    private static let utf8Locale: Void = {
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_ALL, "C.UTF-8") }
    }()

    /// Takes over the terminal: locale, raw-ish input, colours, keypad, short Esc delay.
    public init(device: Device = .tty, theme: Theme) throws(TerminalError) {
        self.device = device
        // A screen left open (a failed test that never stopped its console) must not hang the next one forever.
        guard Terminal.oneScreen.wait(timeout: .now() + 60) == .success else { throw .screenInUse }
        Terminal.utf8Locale
        let output: UnsafeMutablePointer<FILE>?
        let input: UnsafeMutablePointer<FILE>?
        var termName: String?
        switch device {
        case .tty:
            guard isatty(0) == 1, isatty(1) == 1 else {
                Terminal.oneScreen.signal()
                throw .notATerminal
            }
            Signals.install()
            output = fdopen(dup(1), "w")
            input = fdopen(dup(0), "r")
        case .headless(_, let name):
            termName = name
            output = fopen("/dev/null", "w")
            var ends: [Int32] = [-1, -1]
            input = pipe(&ends) == 0 ? fdopen(ends[0], "r") : nil
            quietInput = ends[1]
            Signals.installWake()
        }
        guard let output, let input else {
            if let output { fclose(output) }
            if let input { fclose(input) }
            if case .tty = device { Signals.uninstall() }
            Terminal.oneScreen.signal()
            throw .cannotOpenDevice(termName == nil ? "the terminal" : "/dev/null")
        }
        let created: OpaquePointer? = if let termName { newterm(termName, output, input) } else { newterm(nil, output, input) }
        guard let created, let win = qp_stdscr() else {
            fclose(output)
            fclose(input)
            if case .tty = device { Signals.uninstall() }
            Terminal.oneScreen.signal()
            throw .unknownTerminalType(termName ?? getenv("TERM").map { String(cString: $0) } ?? "")
        }
        screen = created
        window = win
        files = (output, input)
        if case .headless(let wanted, _) = device { resizeterm(Int32(wanted.rows), Int32(wanted.cols)) }

        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        leaveok(window, false)
        intrflush(window, false)
        if case .tty = device { Terminal.allowControlS() }

        depth = .none
        if has_colors() {
            start_color()
            use_default_colors()
            let colours = qp_colors()
            if qp_has_direct_colour() != 0 && colours >= 0x1000000 { depth = .direct }
            else if colours >= 256 { depth = .palette256 }
            else if colours >= 8 { depth = .eight }
        }
        palette = Palette(theme: theme, depth: depth)
        size = Size(rows: Int(getmaxy(window)), cols: Int(getmaxx(window)))
        decoder = KeyDecoder(codes: KeyDecoder.Codes(
            up: KEY_UP, down: KEY_DOWN, left: KEY_LEFT, right: KEY_RIGHT, home: KEY_HOME, end: KEY_END,
            pageUp: KEY_PPAGE, pageDown: KEY_NPAGE, insert: KEY_IC, delete: KEY_DC, backspace: KEY_BACKSPACE,
            enter: KEY_ENTER, backTab: KEY_BTAB, resize: KEY_RESIZE, f0: qp_key_f(0)))
        if case .tty = device { Terminal.emit("\u{1B}[?2004h") }  // bracketed paste on
    }

    deinit { stop() }

    /// A handle background tasks use to cut the UI thread's input wait short.
    /// Call on the UI thread: that is the thread it wakes, until `stop`.
    public func waker() -> Waker {
        wakeTarget.claim()
        return Waker(target: wakeTarget)
    }

    /// Changes the look: new pairs, then everything is redrawn by the next `draw`.
    public func apply(_ theme: Theme) {
        palette = Palette(theme: theme, depth: depth)
        previous = nil
    }

    /// Shows `frame`, writing only the cells that differ from the last frame shown
    /// (all of them after a resize or a theme change). Returns the number of cells written.
    @discardableResult
    public func draw(_ frame: Frame) -> Int {
        guard frame.size == size else {
            cellsWrittenLastDraw = 0
            return 0  // a frame for another size: the resize event that follows brings the right one
        }
        var written = 0
        let old = previous.flatMap { $0.size == frame.size ? $0 : nil }
        if old == nil { werase(window) }
        var cell = cchar_t()
        var text = [wchar_t](repeating: 0, count: 8)
        let cols = frame.size.cols
        for (position, changed) in frame.cells.enumerated() {
            if let old, old.cells[position] == changed { continue }
            var index = position
            if changed.isContinuation {
                // Curses draws a wide character from its left half: rewrite that half if it
                // did not change itself (a highlight that starts on the right half).
                guard position > 0, let old, old.cells[position - 1] == frame.cells[position - 1] else { continue }
                index = position - 1
            }
            let new = frame.cells[index]
            let entry = palette.entries[new.role] ?? Palette.Entry(attributes: qp_a_normal(), pair: 0)
            var n = 0
            for scalar in new.character.unicodeScalars where n < 5 {
                text[n] = wchar_t(bitPattern: scalar.value)
                n += 1
            }
            text[n] = 0
            qp_setcchar(&cell, text, entry.attributes, entry.pair)
            // The bottom-right cell reports ERR because the cursor cannot advance past it,
            // although the cell is written; nothing else can fail for a cell inside the window.
            _ = mvwadd_wch(window, Int32(index / cols), Int32(index % cols), &cell)
            written += 1
        }
        if let at = frame.cursor, frame.contains(row: at.row, col: at.col) {
            wmove(window, Int32(at.row), Int32(at.col))
            setCursor(visible: true)
        } else {
            setCursor(visible: false)
        }
        wnoutrefresh(window)
        doupdate()
        previous = frame
        cellsWrittenLastDraw = written
        return written
    }

    /// Forgets what is on screen so the next draw repaints every cell (after Ctrl-Z and fg, or Ctrl-L).
    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    /// Waits up to `timeoutMilliseconds` for input (curses' own timeout, no busy loop) and
    /// returns the next event, or nil when the time passed or a signal cut the wait short.
    public func nextEvent(timeoutMilliseconds: Int32) -> InputEvent? {
        if let resumed = suspendIfAsked() { return resumed }
        if !pending.isEmpty { return pending.removeFirst() }
        wtimeout(window, timeoutMilliseconds)
        var batch: [RawInput] = []
        let started = DispatchTime.now().uptimeNanoseconds
        guard let first = readRaw() else {
            if let resumed = suspendIfAsked() { return resumed }
            let waited = DispatchTime.now().uptimeNanoseconds - started
            let woken = wakeRequested.exchange(false, ordering: .acquiring)
            if timeoutMilliseconds >= 10 && waited < 1_000_000 && !woken && Signals.quitRequested == nil {
                immediateFailures += 1
                inputClosed = immediateFailures >= 200
            } else {
                immediateFailures = 0
            }
            return nil
        }
        immediateFailures = 0
        batch.append(first)
        // Everything already waiting arrives as one batch: Alt combinations and pastes
        // come as several characters at once.
        wtimeout(window, 0)
        while batch.count < 65_536, let more = readRaw() { batch.append(more) }
        decodeIntoPending(batch)
        // A paste may be larger than one read: follow it to its end marker (for at most 2 s).
        var waits = 0
        while decoder.isInsidePaste, waits < 40 {
            wtimeout(window, 50)
            var more: [RawInput] = []
            while more.count < 65_536, let raw = readRaw() { more.append(raw); wtimeout(window, 0) }
            if more.isEmpty { waits += 1 } else { decodeIntoPending(more) }
        }
        return pending.isEmpty ? nil : pending.removeFirst()
    }

    /// After Ctrl-Z: gives the terminal back, stops until `fg`, then takes it again and
    /// answers a resize event, so the loop repaints every cell at the terminal's size now.
    private func suspendIfAsked() -> InputEvent? {
        guard case .tty = device, suspendRequested.exchange(false, ordering: .acquiring) else { return nil }
        Terminal.emit("\u{1B}[?2004l")
        endwin()
        Signals.stopUntilContinued()
        reset_prog_mode()  // the modes set at start (cbreak, no echo, no XON/XOFF), whatever the shell left
        Terminal.emit("\u{1B}[?2004h")
        var window = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0, window.ws_col > 0 {
            resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        }
        size = Size(rows: Int(getmaxy(self.window)), cols: Int(getmaxx(self.window)))
        invalidate()
        return .resize(size)
    }

    private func decodeIntoPending(_ batch: [RawInput]) {
        var start = 0
        for (i, raw) in batch.enumerated() where raw == .code(KEY_RESIZE) {
            pending += decoder.decode(Array(batch[start..<i]))
            size = Size(rows: Int(getmaxy(window)), cols: Int(getmaxx(window)))
            previous = nil
            pending.append(.resize(size))
            start = i + 1
        }
        pending += decoder.decode(Array(batch[start...]))
    }

    /// Changes the headless screen's size as a terminal resize would (tests only need this).
    public func resize(to newSize: Size) {
        resizeterm(Int32(newSize.rows), Int32(newSize.cols))
        size = Size(rows: Int(getmaxy(window)), cols: Int(getmaxx(window)))
        previous = nil
    }

    /// The characters curses holds for `row`: what is really on screen, for tests.
    public func readBack(row: Int) -> String {
        var buffer = [wchar_t](repeating: 0, count: size.cols * 2 + 1)
        let count = mvwinnwstr(window, Int32(row), 0, &buffer, Int32(buffer.count - 1))
        guard count != ERR else { return "" }
        return String(String.UnicodeScalarView(buffer.prefix(Int(count)).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
    }

    /// Gives the terminal back: paste mode off, `endwin`, default signal handlers.
    /// Called on every exit path; safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        wakeTarget.retire()
        if case .tty = device { Terminal.emit("\u{1B}[?2004l") }
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        fclose(files.output)
        fclose(files.input)
        if quietInput >= 0 { close(quietInput) }
        if case .tty = device { Signals.uninstall() }
        Terminal.oneScreen.signal()
    }

    private func readRaw() -> RawInput? {
        var ch: wint_t = 0
        switch wget_wch(window, &ch) {
        case OK: return .scalar(UInt32(ch))
        case KEY_CODE_YES: return .code(Int32(ch))
        default: return nil
        }
    }

    private func setCursor(visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    /// Turns off XON/XOFF so Ctrl-S reaches the console (it saves drafts) instead of
    /// freezing output; curses restores the user's setting at `endwin`.
    private static func allowControlS() {
        var mode = termios()
        guard tcgetattr(0, &mode) == 0 else { return }
        mode.c_iflag &= ~tcflag_t(IXON)
        tcsetattr(0, TCSANOW, &mode)
        def_prog_mode()
    }

    /// Puts `text` on the system clipboard with OSC 52, which terminals that allow it (xterm,
    /// kitty, iTerm2, tmux with set-clipboard) honour; others ignore the sequence harmlessly.
    /// Returns false when there is no terminal to write to (headless).
    @discardableResult
    public func copyToClipboard(_ text: String) -> Bool {
        guard case .tty = device else { return false }
        let encoded = Self.base64(Array(text.utf8))
        fflush(files.output)
        Terminal.emit("\u{1B}]52;c;\(encoded)\u{07}")
        return true
    }

    /// Standard base64, without Foundation (this module depends on nothing but curses).
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : "=")
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : "=")
            i += 3
        }
        return out
    }

    private static func emit(_ sequence: String) {
        var bytes = Array(sequence.utf8)
        _ = write(1, &bytes, bytes.count)
    }
}
