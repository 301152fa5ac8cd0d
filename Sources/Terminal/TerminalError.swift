/// Why the terminal could not be taken over; each says what to do.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    case notATerminal
    case unknownTerminalType(String)
    case cannotOpenDevice(String)
    /// Another screen of this process is still open (curses has one set of globals).
    case screenInUse

    public var description: String {
        switch self {
        case .notATerminal:
            "quiqpay needs an interactive terminal; run it in a terminal window, not with its input or output redirected."
        case .unknownTerminalType(let name):
            "The terminal type '\(name)' is unknown to ncurses; set TERM to one it knows, such as xterm-256color."
        case .cannotOpenDevice(let path):
            "Could not open \(path) for curses; check that it exists and is readable and writable."
        case .screenInUse:
            "Another screen of this process is still open; stop it before opening a new one."
        }
    }
}
