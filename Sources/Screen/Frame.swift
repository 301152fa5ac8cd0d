/// A full screen of cells: what `render` returns and what the terminal shows.
///
/// Frames are plain values, so a render can be compared, diffed and snapshot-tested
/// without a terminal.
public struct Frame: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor shows (a text field being edited), or nil to hide it.
    public var cursor: Position?

    public init(size: Size, role: Role = .background) {
        self.size = size
        self.cells = Array(repeating: .blank(role), count: size.rows * size.cols)
    }

    public subscript(row: Int, col: Int) -> Cell {
        get { cells[row * size.cols + col] }
        set { cells[row * size.cols + col] = newValue }
    }

    /// Copies `count` rows of `source` from its row `first` to this frame's row `destination`,
    /// columns `columns` only: how a view taller than its area shows the part that fits.
    public mutating func copyRows(from source: Frame, first: Int, count: Int, to destination: Int, columns: Range<Int>) {
        let columns = columns.clamped(to: 0..<min(size.cols, source.size.cols))
        for offset in 0..<max(0, count) {
            let from = first + offset, to = destination + offset
            guard from >= 0, from < source.size.rows, to >= 0, to < size.rows else { continue }
            for col in columns { self[to, col] = source[from, col] }
        }
    }

    /// Whether (row, col) is inside the frame.
    public func contains(row: Int, col: Int) -> Bool {
        row >= 0 && row < size.rows && col >= 0 && col < size.cols
    }

    /// Writes `text` from (row, col) in `role`, clipped to `limit` columns and the frame's edge.
    /// Wide characters that do not fit whole become a space; control characters show as `?`.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, row: Int, col: Int, role: Role, limit: Int? = nil) -> Int {
        guard row >= 0, row < size.rows, col < size.cols else { return 0 }
        let end = min(size.cols, limit.map { col + max(0, $0) } ?? size.cols)
        var c = col
        for character in text {
            guard c < end else { break }
            var shown = character
            var width = character.columns
            if width == 0 {
                if character.unicodeScalars.first.map({ $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) ?? true {
                    shown = "?"
                    width = 1
                } else {
                    continue  // a lone combining mark: nothing to place it on
                }
            }
            if c < 0 { c += width; continue }
            if width == 2 && c + 1 >= end {
                put(Cell(" ", role: role), at: c, row: row)
                c += 1
                continue
            }
            put(Cell(shown, role: role, width: UInt8(width)), at: c, row: row)
            if width == 2 { put(Cell(" ", role: role, width: 0), at: c + 1, row: row) }
            c += width
        }
        return max(0, c - max(col, 0))
    }

    /// Places one cell, repairing any wide character it cuts in half.
    private mutating func put(_ cell: Cell, at col: Int, row: Int) {
        let index = row * size.cols + col
        if cells[index].isContinuation, col > 0, !cell.isContinuation {
            cells[index - 1] = .blank(cells[index - 1].role)
        }
        if cells[index].width == 2, cell.width != 2, col + 1 < size.cols {
            cells[index + 1] = .blank(cells[index + 1].role)
        }
        cells[index] = cell
    }

    /// Fills a rectangle with blank cells of `role`.
    public mutating func fill(_ rect: Rect, role: Role, character: Character = " ") {
        for r in max(0, rect.row)..<min(size.rows, rect.row + rect.rows) {
            for c in max(0, rect.col)..<min(size.cols, rect.col + rect.cols) {
                put(Cell(character, role: role), at: c, row: r)
            }
        }
    }

    /// Changes the role of `count` cells from (row, col), keeping their characters (a highlight).
    public mutating func paint(row: Int, col: Int, count: Int, role: Role) {
        guard row >= 0, row < size.rows else { return }
        for c in max(0, col)..<min(size.cols, col + count) {
            cells[row * size.cols + c].role = role
        }
    }

    /// A box-drawing border around `rect`, with an optional title in the top edge.
    public mutating func box(_ rect: Rect, role: Role = .border, title: String? = nil, titleRole: Role = .accent) {
        guard rect.rows >= 2, rect.cols >= 2 else { return }
        let right = rect.col + rect.cols - 1, bottom = rect.row + rect.rows - 1
        write("┌" + String(repeating: "─", count: rect.cols - 2) + "┐", row: rect.row, col: rect.col, role: role)
        for r in (rect.row + 1)..<bottom {
            write("│", row: r, col: rect.col, role: role)
            write("│", row: r, col: right, role: role)
        }
        write("└" + String(repeating: "─", count: rect.cols - 2) + "┘", row: bottom, col: rect.col, role: role)
        if let title, rect.cols > 6 {
            write(" \(title) ", row: rect.row, col: rect.col + 2, role: titleRole, limit: rect.cols - 4)
        }
    }

    /// The characters of one row as text (continuations skipped), for tests and tools.
    public func text(row: Int) -> String {
        var out = ""
        for c in 0..<size.cols where !self[row, c].isContinuation {
            out.append(self[row, c].character)
        }
        return out
    }

    /// Every row as text.
    public var lines: [String] { (0..<size.rows).map { text(row: $0) } }

    /// Text and roles as one string: what snapshot tests store and compare.
    /// Rows first, then one line of role codes (`Role.code`) per row, then the cursor.
    public func snapshot() -> String {
        var out = "size \(size)\n"
        for line in lines { out += "|" + line + "|\n" }
        out += "roles\n"
        for r in 0..<size.rows {
            var codes = ""
            for c in 0..<size.cols { codes.append(self[r, c].isContinuation ? "~" : self[r, c].role.code) }
            out += "|" + codes + "|\n"
        }
        out += "cursor " + (cursor.map { "\($0.row),\($0.col)" } ?? "hidden") + "\n"
        return out
    }
}

extension Frame {
    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.size == rhs.size && lhs.cursor == rhs.cursor && lhs.cells == rhs.cells
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(size)
        hasher.combine(cursor)
        hasher.combine(cells)
    }
}
