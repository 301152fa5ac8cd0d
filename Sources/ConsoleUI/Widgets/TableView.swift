import Screen

/// A column of a table: title, width, alignment.
public struct TableColumn: Hashable, Sendable {
    public enum Width: Hashable, Sendable {
        /// Exactly this many columns.
        case fixed(Int)
        /// What is left, shared among flexible columns, never less than `minimum`.
        case flexible(minimum: Int)
    }

    public var title: String
    public var width: Width
    public var alignRight: Bool

    public init(_ title: String, _ width: Width, alignRight: Bool = false) {
        self.title = title
        self.width = width
        self.alignRight = alignRight
    }
}

/// A scrolling table with one selected row. Holds only positions: rows come from the
/// caller, and only the visible ones are asked for, so 10,000 rows cost what 40 do.
public struct TableView: Hashable, Sendable {
    public private(set) var rowCount: Int
    public private(set) var selection: Int
    /// The first row shown.
    public private(set) var offset: Int

    public init(rowCount: Int = 0, selection: Int = 0) {
        self.rowCount = max(0, rowCount)
        self.selection = 0
        self.offset = 0
        self = self.selecting(selection, visibleRows: 1)
    }

    /// The same table with a new number of rows, selection kept in range.
    public func resized(rowCount: Int, visibleRows: Int) -> TableView {
        var t = self
        t.rowCount = max(0, rowCount)
        return t.selecting(selection, visibleRows: visibleRows)
    }

    /// Selection moved by `delta` rows (negative is up), clamped, scrolled into view.
    public func moved(by delta: Int, visibleRows: Int) -> TableView {
        selecting(selection + delta, visibleRows: visibleRows)
    }

    /// Selection on `row` (clamped), with the smallest scroll that shows it.
    public func selecting(_ row: Int, visibleRows: Int) -> TableView {
        var t = self
        t.selection = rowCount == 0 ? 0 : min(max(0, row), rowCount - 1)
        t.offset = t.clampedOffset(visibleRows: visibleRows)
        return t
    }

    private func clampedOffset(visibleRows: Int) -> Int {
        let visible = max(1, visibleRows)
        var o = min(offset, selection)
        if selection >= o + visible { o = selection - visible + 1 }
        return max(0, min(o, max(0, rowCount - visible)))
    }

    /// Column widths for `totalWidth`, one space between columns.
    public static func widths(of columns: [TableColumn], totalWidth: Int) -> [Int] {
        let gaps = max(0, columns.count - 1)
        let fixed = columns.reduce(0) { sum, c in if case .fixed(let w) = c.width { sum + w } else { sum } }
        let flexibleCount = columns.filter { if case .flexible = $0.width { true } else { false } }.count
        let spare = max(0, totalWidth - gaps - fixed)
        return columns.map { c in
            switch c.width {
            case .fixed(let w): w
            case .flexible(let minimum): max(minimum, flexibleCount == 0 ? 0 : spare / flexibleCount)
            }
        }
    }

    /// Draws the header and the visible rows in `rect`; `cell(row, column)` gives a cell's
    /// text and role and is called for visible rows only.
    public func render(into frame: inout Frame, rect: Rect, columns: [TableColumn],
                       cell: (Int, Int) -> (String, Role)) {
        guard rect.rows > 0, rect.cols > 0 else { return }
        let widths = TableView.widths(of: columns, totalWidth: rect.cols)
        var x = rect.col
        for (i, column) in columns.enumerated() {
            Self.put(column.title, in: &frame, row: rect.row, col: x, width: widths[i], role: .accent, right: column.alignRight)
            x += widths[i] + 1
        }
        let visible = rect.rows - 1
        let first = clampedOffset(visibleRows: visible)
        for line in 0..<visible {
            let row = first + line
            guard row < rowCount else { break }
            let y = rect.row + 1 + line
            var x = rect.col
            for (i, column) in columns.enumerated() {
                let (text, role) = cell(row, i)
                Self.put(text, in: &frame, row: y, col: x, width: widths[i], role: role, right: column.alignRight)
                x += widths[i] + 1
            }
            if row == selection { frame.paint(row: y, col: rect.col, count: rect.cols, role: .selection) }
        }
        if rowCount > visible, visible > 0 {
            let label = " \(selection + 1)/\(rowCount) "
            frame.write(label, row: rect.row, col: rect.col + rect.cols - label.count, role: .muted)
        }
    }

    private static func put(_ text: String, in frame: inout Frame, row: Int, col: Int, width: Int, role: Role, right: Bool) {
        guard width > 0 else { return }
        var shown = text
        if shown.columns > width {
            var cut = "", used = 0
            for ch in shown {
                if used + ch.columns > width - 1 { break }
                cut.append(ch)
                used += ch.columns
            }
            shown = cut + "…"
        }
        let pad = right ? max(0, width - shown.columns) : 0
        frame.write(shown, row: row, col: col + pad, role: role, limit: width - pad)
    }
}
