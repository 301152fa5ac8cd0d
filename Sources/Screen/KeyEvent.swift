/// A key press as the console understands it, independent of curses' key codes.
public struct KeyEvent: Hashable, Sendable, CustomStringConvertible {
    /// Which key, before modifiers.
    public enum Key: Hashable, Sendable {
        case character(Character)
        case function(Int)
        case up, down, left, right
        case home, end, pageUp, pageDown
        case insert, delete, backspace
        case enter, tab, backTab, escape
    }

    /// Keys held with it. Shift is folded into the character (`A`, `?`) or the key (`backTab`).
    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let control = Modifiers(rawValue: 1)
        public static let alt = Modifiers(rawValue: 2)
    }

    public var key: Key
    public var modifiers: Modifiers

    public init(_ key: Key, modifiers: Modifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    /// A plain character key: `.char("q")`.
    public static func char(_ c: Character) -> KeyEvent { KeyEvent(.character(c)) }
    /// Control and a letter: `.ctrl("s")` is Ctrl-S.
    public static func ctrl(_ c: Character) -> KeyEvent { KeyEvent(.character(Character(c.lowercased())), modifiers: .control) }
    /// Alt (Meta) and a character: `.alt("x")`.
    public static func alt(_ c: Character) -> KeyEvent { KeyEvent(.character(c), modifiers: .alt) }
    /// Function key n: `.f(2)` is F2.
    public static func f(_ n: Int) -> KeyEvent { KeyEvent(.function(n)) }

    public static let up = KeyEvent(.up), down = KeyEvent(.down), left = KeyEvent(.left), right = KeyEvent(.right)
    public static let home = KeyEvent(.home), end = KeyEvent(.end), pageUp = KeyEvent(.pageUp), pageDown = KeyEvent(.pageDown)
    public static let enter = KeyEvent(.enter), tab = KeyEvent(.tab), backTab = KeyEvent(.backTab), escape = KeyEvent(.escape)
    public static let backspace = KeyEvent(.backspace), delete = KeyEvent(.delete), insert = KeyEvent(.insert)

    /// The printable character this key types, if it types one (no Ctrl or Alt held).
    public var typedCharacter: Character? {
        guard modifiers.isEmpty, case .character(let c) = key else { return nil }
        return c
    }

    /// The short label shown in the key bar and the help: `q`, `^S`, `M-x`, `F2`, `S-Tab`, `↑`.
    public var description: String {
        var prefix = ""
        if modifiers.contains(.control) { prefix += "^" }
        if modifiers.contains(.alt) { prefix += "M-" }
        let name: String
        switch key {
        case .character(" "): name = "Space"
        case .character(let c): name = modifiers.contains(.control) ? c.uppercased() : String(c)
        case .function(let n): name = "F\(n)"
        case .up: name = "↑"
        case .down: name = "↓"
        case .left: name = "←"
        case .right: name = "→"
        case .home: name = "Home"
        case .end: name = "End"
        case .pageUp: name = "PgUp"
        case .pageDown: name = "PgDn"
        case .insert: name = "Ins"
        case .delete: name = "Del"
        case .backspace: name = "Bksp"
        case .enter: name = "Enter"
        case .tab: name = "Tab"
        case .backTab: name = "S-Tab"
        case .escape: name = "Esc"
        }
        return prefix + name
    }
}
