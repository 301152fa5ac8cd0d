import Screen

/// The `?` overlay: the bindings of the current screen and the global ones, read from the
/// same key maps that dispatch keys, plus the `:` commands.
public enum HelpOverlay {
    public static let keyMap = KeyMap<Action>("Help", [
        KeyBinding(.escape, .closeHelp, "close help", bar: true),
        KeyBinding(.char("?"), .closeHelp, "close help"),
        KeyBinding(.char("q"), .closeHelp, "close help"),
        KeyBinding(.down, .scrollHelp(1), "scroll down", bar: true),
        KeyBinding(.char("j"), .scrollHelp(1), "scroll down"),
        KeyBinding(.up, .scrollHelp(-1), "scroll up"),
        KeyBinding(.char("k"), .scrollHelp(-1), "scroll up"),
        KeyBinding(.pageDown, .scrollHelp(10), "page down"),
        KeyBinding(.pageUp, .scrollHelp(-10), "page up"),
    ])

    /// The lines of help for what is under the overlay: the keys that work there, with section
    /// titles as (title, "", heading).
    static func lines(for state: AppState) -> [(keys: String, description: String, heading: Bool)] {
        var out: [(keys: String, description: String, heading: Bool)] = []
        for map in state.screenLayers.effectiveMaps where !map.bindings.isEmpty {
            out.append((map.title, "", true))
            out += map.helpLines.map { ($0.keys, $0.description, false) }
        }
        out.append(("Commands", "", true))
        out += Command.all.map { ($0.usage, $0.summary, false) }
        return out
    }

    /// Draws the overlay over `area`, scrolled by `scroll` lines.
    static func render(_ state: AppState, into frame: inout Frame, area: Rect) {
        let lines = lines(for: state)
        let keyWidth = min(14, lines.filter { !$0.heading }.map(\.keys.columns).max() ?? 0)
        let textWidth = lines.map { $0.heading ? $0.keys.columns : keyWidth + 2 + $0.description.columns }.max() ?? 0
        let box = area.centred(rows: lines.count + 2, cols: textWidth + 4)
        frame.fill(box, role: .text)
        frame.box(box, title: "Help: \(state.screen.title)")
        let inside = box.inset(1)
        let first = clampedScroll(state.helpScroll, lines: lines.count, visible: inside.rows)
        for i in 0..<inside.rows {
            let index = first + i
            guard index < lines.count else { break }
            let line = lines[index], row = inside.row + i
            if line.heading {
                frame.write(line.keys, row: row, col: inside.col + 1, role: .accent, limit: inside.cols - 1)
            } else {
                frame.write(line.keys, row: row, col: inside.col + 1, role: .accent, limit: keyWidth)
                frame.write(line.description, row: row, col: inside.col + 3 + keyWidth, role: .text, limit: inside.cols - keyWidth - 3)
            }
        }
        if lines.count > inside.rows {
            let more = " \(first + 1)-\(min(lines.count, first + inside.rows))/\(lines.count) "
            frame.write(more, row: box.row + box.rows - 1, col: box.col + box.cols - more.count - 1, role: .muted)
        }
    }

    static func clampedScroll(_ scroll: Int, lines: Int, visible: Int) -> Int {
        max(0, min(scroll, lines - max(1, visible)))
    }
}
