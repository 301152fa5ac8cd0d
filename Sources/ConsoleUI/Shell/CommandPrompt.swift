import Screen

/// What the prompt's keys do beyond editing.
public enum PromptCommand: Hashable, Sendable {
    case edit(TextEdit)
    case submit
    case cancel
    case complete
    case olderHistory
    case newerHistory
}

/// The `:` command line: a text field, the history of past commands, completion.
public struct CommandPrompt: Hashable, Sendable {
    public var field = TextField()
    /// Position while walking the history with ↑/↓; nil when editing a new line.
    public var historyIndex: Int?
    /// Names offered by the last Tab that matched several commands.
    public var candidates: [String] = []

    public init() {}

    /// The prompt's own keys; other keys edit the field (`TextField.keyMap`) or type.
    public static let keyMap = KeyMap<Action>("Command prompt", [
        KeyBinding(.enter, .prompt(.submit), "run the command", bar: true),
        KeyBinding(.escape, .prompt(.cancel), "close the prompt", bar: true),
        KeyBinding(.tab, .prompt(.complete), "complete the command name", bar: true),
        KeyBinding(.up, .prompt(.olderHistory), "older command", bar: true),
        KeyBinding(.ctrl("p"), .prompt(.olderHistory), "older command"),
        KeyBinding(.down, .prompt(.newerHistory), "newer command"),
        KeyBinding(.ctrl("n"), .prompt(.newerHistory), "newer command"),
    ])

    /// Completion of the first word: the unique match plus a space, else the longest
    /// common prefix of the matches (listed as candidates). Theme names complete after `theme`,
    /// template names after `template`.
    func completed(themeNames: [String], templateNames: [String] = []) -> CommandPrompt {
        var p = self
        let text = field.text
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let pool: [String], prefix: String, lead: String
        if words.count <= 1 {
            pool = Command.all.map(\.name); prefix = text; lead = ""
        } else if words.count == 2, words[0] == "theme" {
            pool = themeNames; prefix = words[1]; lead = "theme "
        } else if words.count == 2, words[0] == "template" {
            pool = templateNames; prefix = words[1]; lead = "template "
        } else {
            return p
        }
        let matches = pool.filter { $0.hasPrefix(prefix) }
        p.candidates = matches.count > 1 ? matches : []
        guard let first = matches.first else { return p }
        var common = first
        for m in matches.dropFirst() {
            while !m.hasPrefix(common) { common.removeLast() }
        }
        let completion = lead + common + (matches.count == 1 && lead.isEmpty ? " " : "")
        if completion.count > text.count { p.field = TextField(completion) }
        return p
    }

    /// Draws `:` and the field on `row`; candidates, if any, on the row above. Returns the cursor.
    func render(into frame: inout Frame, row: Int) -> Position {
        let width = frame.size.cols
        frame.fill(Rect(row: row, col: 0, rows: 1, cols: width), role: .text)
        frame.write(":", row: row, col: 0, role: .accent)
        if !candidates.isEmpty, row > 0 {
            frame.fill(Rect(row: row - 1, col: 0, rows: 1, cols: width), role: .muted)
            frame.write(" " + candidates.joined(separator: "  "), row: row - 1, col: 0, role: .muted)
        }
        return field.render(into: &frame, row: row, col: 1, width: width - 1)
    }
}
