import Foundation
import Terminal

/// `quiqpay doctor`'s checks of the terminal the console would draw in, from the environment
/// and terminfo alone (no curses session): colours, UTF-8, and OSC 52 for copying links.
/// Only an unknown terminal type fails (the console could not start); the rest warn.
public enum TerminalChecks {
    /// What the checks look at, gathered once so that judging them is pure.
    public struct Facts: Sendable {
        public var term: String?
        /// terminfo's entry for `term`, nil when it has none.
        public var entry: TerminfoEntry?
        public var colorTerm: String?
        public var noColor: Bool
        /// The variable that decides the character set (`LC_ALL`, `LC_CTYPE` or `LANG`) and its value.
        public var locale: Facts.Locale?
        public var inTmux: Bool

        /// `LANG=C.UTF-8`, as the user set it.
        public struct Locale: Sendable {
            public var name: String
            public var value: String
        }

        /// The facts of `environment`, with terminfo asked about its `TERM`.
        public init(environment: [String: String]) {
            func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
            term = env("TERM")
            entry = term.flatMap(TerminfoEntry.lookUp)
            colorTerm = env("COLORTERM")
            noColor = env("NO_COLOR") != nil
            locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name in env(name).map { Facts.Locale(name: name, value: $0) } }.first
            inTmux = env("TMUX") != nil
        }
    }

    public static func checks(_ facts: Facts) -> [DoctorCheck] {
        [colours(facts), utf8(facts), clipboard(facts)]
    }

    static func colours(_ facts: Facts) -> DoctorCheck {
        let name = "terminal.colours"
        guard let term = facts.term else {
            return .warn(name, "TERM is not set: this is not a terminal the console can draw in",
                         fix: "run the console in a terminal (TERM=xterm-256color or the like)")
        }
        guard let entry = facts.entry else {
            return .fail(name, "terminfo does not know TERM=\(term): the console would not start",
                         fix: "set TERM to a type `infocmp` knows, such as xterm-256color, or install its terminfo entry", .badInput)
        }
        if facts.noColor { return .pass(name, "NO_COLOR is set: the console draws in monochrome, as asked") }
        switch entry.depth {
        case .direct: return .pass(name, "24-bit colour (TERM=\(term))")
        case .palette256:
            return .pass(name, "256 colours (TERM=\(term))" + (facts.colorTerm.map { "; COLORTERM=\($0)" } ?? ""))
        case .eight:
            return .warn(name, "8 colours (TERM=\(term)): themes are reduced to them",
                         fix: "if your terminal shows more, set TERM=xterm-256color")
        case .none:
            return .warn(name, "no colours (TERM=\(term)): the console draws in monochrome",
                         fix: "if your terminal shows colours, set TERM=xterm-256color")
        }
    }

    static func utf8(_ facts: Facts) -> DoctorCheck {
        let name = "terminal.utf8"
        if let locale = facts.locale, locale.value.lowercased().replacingOccurrences(of: "-", with: "").contains("utf8") {
            return .pass(name, "\(locale.name)=\(locale.value)")
        }
        let said = facts.locale.map { "\($0.name)=\($0.value) is not UTF-8" } ?? "no locale is set (LANG, LC_CTYPE, LC_ALL)"
        return .warn(name, "\(said): the console switches to C.UTF-8 itself, and the terminal must then show UTF-8",
                     fix: "export LANG=C.UTF-8 (or your language's .UTF-8 locale) in a terminal that uses UTF-8")
    }

    static func clipboard(_ facts: Facts) -> DoctorCheck {
        let name = "terminal.osc52"
        let term = facts.term ?? "unset"
        guard facts.entry?.clipboard == true || knownClipboardTerminals.contains(term) else {
            return .warn(name, "TERM=\(term) does not announce OSC 52 (terminfo's Ms): copying a link (c) may not reach the clipboard",
                         fix: "use a terminal that allows OSC 52 (xterm, kitty, iTerm2, WezTerm, foot), or select the link with the mouse")
        }
        if facts.inTmux {
            return .warn(name, "inside tmux, OSC 52 reaches your clipboard only if tmux accepts it from programs",
                         fix: "add `set -g set-clipboard on` to ~/.tmux.conf")
        }
        return .pass(name, "TERM=\(term) takes OSC 52: copying a link (c) puts it on the clipboard")
    }

    /// Terminals that take OSC 52 although their terminfo entries do not say so.
    static let knownClipboardTerminals: Set<String> = ["xterm-kitty", "alacritty", "foot", "wezterm", "xterm-ghostty"]
}
