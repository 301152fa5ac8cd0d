/// A terminal's size in character cells; the one input render needs besides state.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var cols: Int

    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }

    /// The smallest size the console lays out for; below it a one-line notice is shown.
    public static let minimum = Size(rows: 12, cols: 40)

    /// Whether the whole console fits (at least `Size.minimum` in both directions).
    public var fitsConsole: Bool { rows >= Size.minimum.rows && cols >= Size.minimum.cols }

    public var description: String { "\(cols)x\(rows)" }
}

/// A cell position, row first as curses counts.
public struct Position: Hashable, Sendable {
    public var row: Int
    public var col: Int

    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }
}

/// A rectangle of cells: where a widget draws.
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var col: Int
    public var rows: Int
    public var cols: Int

    public init(row: Int, col: Int, rows: Int, cols: Int) {
        self.row = row
        self.col = col
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }

    /// The same rectangle shrunk by `by` cells on every side (a box's inside).
    public func inset(_ by: Int) -> Rect {
        Rect(row: row + by, col: col + by, rows: rows - 2 * by, cols: cols - 2 * by)
    }

    /// A `rows` x `cols` rectangle centred in this one, clipped to it.
    public func centred(rows wanted: Int, cols wantedCols: Int) -> Rect {
        let r = min(wanted, rows), c = min(wantedCols, cols)
        return Rect(row: row + (rows - r) / 2, col: col + (cols - c) / 2, rows: r, cols: c)
    }
}
