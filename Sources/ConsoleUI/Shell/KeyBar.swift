import Screen

/// The bottom line: the bar entries of the key maps live right now, `key description`.
/// A key an earlier layer takes (a screen binding, a text field) hides the later binding, as dispatch does.
enum KeyBar {
    static func render(_ layers: [KeyLayer], into frame: inout Frame, row: Int) {
        frame.fill(Rect(row: row, col: 0, rows: 1, cols: frame.size.cols), role: .text)
        var col = 1
        // The general keys first (help, prompt, quit), then the screen's own, as far as they fit.
        for entry in layers.effectiveMaps.reversed().flatMap(\.barEntries) {
            let needed = entry.keys.columns + 1 + entry.description.columns
            guard col + needed <= frame.size.cols else { break }
            col += frame.write(entry.keys, row: row, col: col, role: .accent)
            col += frame.write(" " + entry.description + "  ", row: row, col: col, role: .muted)
        }
    }
}
