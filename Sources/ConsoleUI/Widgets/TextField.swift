import Screen

/// An edit to a text field: what its keys do.
public enum TextEdit: Hashable, Sendable {
    case insert(String)
    case backspace
    case deleteForward
    case left, right, home, end
    case deleteWordBackward
    case deleteToStart
    case deleteToEnd
}

/// A one-line text field with a cursor, edited by grapheme (UTF-8 safe: `é`, `日本`, `👍🏽`
/// each move and delete as one), scrolled sideways to keep the cursor visible.
public struct TextField: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position, 0...characters.count, in characters.
    public private(set) var cursor: Int
    /// The whole text is selected, as when a form's field is entered with Tab: the first
    /// character typed replaces it, Backspace clears it, an arrow key or End keeps it.
    public private(set) var selectedAll = false

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// The field entered: its text selected whole when it has any.
    public func selectingAll() -> TextField {
        var f = self
        f.selectedAll = !characters.isEmpty
        f.cursor = characters.count
        return f
    }

    /// The keys every text field understands (typed characters insert themselves).
    public static let keyMap = KeyMap<TextEdit>("Editing", [
        KeyBinding(.left, .left, "cursor left"),
        KeyBinding(.ctrl("b"), .left, "cursor left"),
        KeyBinding(.right, .right, "cursor right"),
        KeyBinding(.ctrl("f"), .right, "cursor right"),
        KeyBinding(.home, .home, "start of line"),
        KeyBinding(.ctrl("a"), .home, "start of line"),
        KeyBinding(.end, .end, "end of line"),
        KeyBinding(.ctrl("e"), .end, "end of line"),
        KeyBinding(.backspace, .backspace, "delete before cursor"),
        KeyBinding(.ctrl("h"), .backspace, "delete before cursor"),
        KeyBinding(.delete, .deleteForward, "delete at cursor"),
        KeyBinding(.ctrl("d"), .deleteForward, "delete at cursor"),
        KeyBinding(.ctrl("w"), .deleteWordBackward, "delete word before cursor"),
        KeyBinding(.ctrl("u"), .deleteToStart, "delete to start"),
        KeyBinding(.ctrl("k"), .deleteToEnd, "delete to end"),
    ])

    /// The field after `edit`.
    public func applying(_ edit: TextEdit) -> TextField {
        var f = self
        f.selectedAll = false
        if selectedAll {
            switch edit {
            case .insert: f = TextField()
            case .backspace, .deleteForward, .deleteWordBackward, .deleteToStart, .deleteToEnd: return TextField()
            case .left, .right, .home, .end: break
            }
        }
        switch edit {
        case .insert(let s):
            let clean = s.filter { $0 != "\n" && $0 != "\r" && $0 != "\t" && !($0.asciiValue.map { $0 < 32 } ?? false) }
            f.characters.insert(contentsOf: clean, at: f.cursor)
            f.cursor += clean.count
        case .backspace:
            if f.cursor > 0 { f.characters.remove(at: f.cursor - 1); f.cursor -= 1 }
        case .deleteForward:
            if f.cursor < f.characters.count { f.characters.remove(at: f.cursor) }
        case .left: f.cursor = max(0, f.cursor - 1)
        case .right: f.cursor = min(f.characters.count, f.cursor + 1)
        case .home: f.cursor = 0
        case .end: f.cursor = f.characters.count
        case .deleteWordBackward:
            var start = f.cursor
            while start > 0, f.characters[start - 1] == " " { start -= 1 }
            while start > 0, f.characters[start - 1] != " " { start -= 1 }
            f.characters.removeSubrange(start..<f.cursor)
            f.cursor = start
        case .deleteToStart:
            f.characters.removeSubrange(0..<f.cursor)
            f.cursor = 0
        case .deleteToEnd:
            f.characters.removeSubrange(f.cursor...)
        }
        return f
    }

    /// Draws the field in `width` columns from (row, col); returns where the cursor shows.
    @discardableResult
    public func render(into frame: inout Frame, row: Int, col: Int, width: Int, role: Role = .text) -> Position {
        frame.fill(Rect(row: row, col: col, rows: 1, cols: width), role: role)
        guard width > 0 else { return Position(row: row, col: col) }
        let role = selectedAll ? Role.selection : role
        // First character shown: as far left as possible with the cursor still inside.
        var start = cursor, used = 1
        while start > 0, used + characters[start - 1].columns <= width {
            used += characters[start - 1].columns
            start -= 1
        }
        let visible = String(characters[start...])
        frame.write(visible, row: row, col: col, role: role, limit: width)
        let cursorCol = col + characters[start..<cursor].reduce(0) { $0 + $1.columns }
        return Position(row: row, col: min(cursorCol, col + width - 1))
    }
}
