/// A table edited in place: rows of text cells, one selected cell. Compose uses it for the
/// line items (name, quantity, unit price, SKU) and the metadata (key, value).
public struct RowEditor: Hashable, Sendable {
    public let columns: Int
    public private(set) var rows: [[TextField]]
    public private(set) var row = 0
    public private(set) var column = 0

    public init(columns: Int, rows: [[String]] = []) {
        self.columns = max(1, columns)
        self.rows = rows.map { cells in (0..<max(1, columns)).map { TextField($0 < cells.count ? cells[$0] : "") } }
    }

    /// The cell being edited, if there is a row.
    public var cell: TextField? { rows.indices.contains(row) ? rows[row][column] : nil }

    /// The texts of every row.
    public var texts: [[String]] { rows.map { $0.map(\.text) } }

    /// A blank row below the selection (or the first one), selected at its first cell.
    public func addingRow() -> RowEditor {
        var e = self
        let at = rows.isEmpty ? 0 : row + 1
        e.rows.insert(Array(repeating: TextField(), count: columns), at: at)
        e.row = at
        e.column = 0
        return e
    }

    /// The selected row removed.
    public func deletingRow() -> RowEditor {
        guard rows.indices.contains(row) else { return self }
        var e = self
        e.rows.remove(at: row)
        e.row = max(0, min(row, e.rows.count - 1))
        return e
    }

    /// The selected row moved by `delta` places, staying selected.
    public func movingRow(by delta: Int) -> RowEditor {
        let target = row + delta
        guard rows.indices.contains(row), rows.indices.contains(target) else { return self }
        var e = self
        e.rows.swapAt(row, target)
        e.row = target
        return e
    }

    /// The selection moved up or down; nil when it would leave the table (the form moves on).
    public func selectingRow(by delta: Int) -> RowEditor? {
        let target = row + delta
        guard rows.indices.contains(target) else { return nil }
        var e = self
        e.row = target
        return e
    }

    /// The next (or previous) cell along the row; nil past the row's ends (the form moves on).
    public func movingCell(by delta: Int) -> RowEditor? {
        let target = column + delta
        guard !rows.isEmpty, (0..<columns).contains(target) else { return nil }
        var e = self
        e.column = target
        return e
    }

    /// Entered from the field before (first cell) or after (last cell).
    public func entered(forward: Bool) -> RowEditor {
        var e = self
        e.column = forward ? 0 : columns - 1
        return e
    }

    /// The selected cell with its text selected whole (entered by Tab or an arrow).
    public func selectingCell() -> RowEditor {
        guard rows.indices.contains(row) else { return self }
        var e = self
        e.rows[row][column] = rows[row][column].selectingAll()
        return e
    }

    /// The selected row with `texts` in the given columns, then `column` selected whole (a
    /// catalogue offer taken fills the name, SKU and price, and moves on to the quantity).
    public func filling(_ texts: [Int: String], thenSelect column: Int) -> RowEditor {
        guard rows.indices.contains(row) else { return self }
        var e = self
        for (index, text) in texts where (0..<columns).contains(index) { e.rows[row][index] = TextField(text) }
        e.column = max(0, min(column, columns - 1))
        return e.selectingCell()
    }

    /// The selected cell after an edit.
    public func editing(_ edit: TextEdit) -> RowEditor {
        guard rows.indices.contains(row) else { return self }
        var e = self
        e.rows[row][column] = rows[row][column].applying(edit)
        return e
    }
}
