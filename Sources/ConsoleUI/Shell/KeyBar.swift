import Screen

/// The bottom line: the bar entries of the key maps live right now, `key description`.
/// A key the screen binds itself shadows the global binding of the same key, as dispatch does.
enum KeyBar {
    static func render(_ maps: [KeyMap<Action>], into frame: inout Frame, row: Int) {
        frame.fill(Rect(row: row, col: 0, rows: 1, cols: frame.size.cols), role: .text)
        var col = 1
        let visible = maps.enumerated().map { index, map in
            let shadowing = Set(maps.dropFirst(index + 1).flatMap { $0.bindings.map(\.key) })
            return KeyMap(map.title, map.bindings.filter { !shadowing.contains($0.key) })
        }
        for entry in visible.flatMap(\.barEntries) {
            let needed = entry.keys.columns + 1 + entry.description.columns
            guard col + needed <= frame.size.cols else { break }
            col += frame.write(entry.keys, row: row, col: col, role: .accent)
            col += frame.write(" " + entry.description + "  ", row: row, col: col, role: .muted)
        }
    }
}
