import Foundation

/// The board's columns, in screen order: what the table, the sort and the CSV share.
public enum BoardColumn: Int, Hashable, Sendable, CaseIterable {
    case status, age, expires, amount, currency, description, conversation, agent, lastChange

    public var title: String {
        switch self {
        case .status: "Status"
        case .age: "Age"
        case .expires: "Expires"
        case .amount: "Amount"
        case .currency: "Cur"
        case .description: "Description"
        case .conversation: "Conversation"
        case .agent: "Agent key"
        case .lastChange: "Changed"
        }
    }
}

/// Which column orders the board and in which direction. Ties fall back to the newest first,
/// then the id, so the order is total and a refresh never shuffles equal rows. That fallback
/// is the list feed's own order, so the standard sort finds the feed's rows already in place.
public struct BoardSort: Hashable, Sendable {
    public var column: BoardColumn
    public var descending: Bool

    /// Newest first: what a supervisor opens the board to.
    public static let standard = BoardSort(column: .age, descending: false)

    public init(column: BoardColumn, descending: Bool) {
        self.column = column
        self.descending = descending
    }

    /// The next (or previous) column, ascending.
    public func moved(by delta: Int) -> BoardSort {
        let all = BoardColumn.allCases
        let index = ((column.rawValue + delta) % all.count + all.count) % all.count
        return BoardSort(column: all[index], descending: false)
    }

    /// `rows` in this order: as they are when they already are (the feed's rows under the
    /// standard sort, one pass over 100,000), else sorted.
    public func sorted(_ rows: [BoardRow]) -> [BoardRow] {
        // Rows compared in place (an array's element passed on was copied, strings and all).
        let inOrder = rows.withUnsafeBufferPointer { rows in
            rows.indices.dropFirst().allSatisfy { !precedes(rows[$0], rows[$0 - 1]) }
        }
        return inOrder ? rows : rows.sorted(by: precedes)
    }

    /// Whether `a` comes before `b`: a total order (ids are unique), so a row's place in a
    /// sorted list is found by binary search, as a refresh with a few changes does.
    func precedes(_ a: BoardRow, _ b: BoardRow) -> Bool {
        let order = compare(a, b)
        if order != .orderedSame { return descending ? order == .orderedDescending : order == .orderedAscending }
        if a.createdAt != b.createdAt { return a.createdAt > b.createdAt }
        return a.id > b.id
    }

    /// The first index of `rows` (sorted in this order) whose row does not come before `row`:
    /// where `row` is, or would go.
    func insertionIndex(of row: BoardRow, in rows: [BoardRow]) -> Int {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if precedes(rows[middle], row) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Ascending order of one column; age ascends from the youngest.
    private func compare(_ a: BoardRow, _ b: BoardRow) -> ComparisonResult {
        switch column {
        case .status: return Self.order(a.status, b.status)
        case .age: return Self.order(b.createdAt, a.createdAt)
        case .expires: return Self.order(a.expiresAt ?? .distantFuture, b.expiresAt ?? .distantFuture)
        case .amount:
            if a.currency != b.currency { return Self.order(a.currency, b.currency) }
            return Self.order(a.amount, b.amount)
        case .currency: return Self.order(a.currency, b.currency)
        case .description: return a.description.localizedStandardCompare(b.description)
        case .conversation: return Self.order(a.conversationId, b.conversationId)
        case .agent: return Self.order(a.agentKeyId ?? "", b.agentKeyId ?? "")
        case .lastChange: return Self.order(b.updatedAt, a.updatedAt)
        }
    }

    private static func order<T: Comparable>(_ a: T, _ b: T) -> ComparisonResult {
        a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    }
}
