import Foundation
import PaymentCore

/// One payment as the payments table shows it.
public struct PaymentRow: Hashable, Sendable, Identifiable {
    public var id: String
    public var status: PaymentStatus
    public var amount: Money
    public var description: String
    public var createdAt: Date

    public init(id: String, status: PaymentStatus, amount: Money, description: String, createdAt: Date) {
        self.id = id
        self.status = status
        self.amount = amount
        self.description = description
        self.createdAt = createdAt
    }
}

/// What the payments screen's keys and results do.
public enum PaymentsCommand: Hashable, Sendable {
    case move(Int)
    case page(Int)
    case top
    case bottom
    /// The payments the watcher reported, newest first.
    case loaded([PaymentRow])
}

/// The payments screen: this agent's payments and the selection among them.
public struct PaymentsState: Hashable, Sendable {
    public var rows: [PaymentRow] = []
    public var table = TableView()

    public init(rows: [PaymentRow] = []) {
        self.rows = rows
        self.table = TableView(rowCount: rows.count)
    }

    /// The screen after `command`, for a table showing `visibleRows` rows.
    func reduced(_ command: PaymentsCommand, visibleRows: Int) -> PaymentsState {
        var s = self
        switch command {
        case .move(let delta): s.table = table.moved(by: delta, visibleRows: visibleRows)
        case .page(let pages): s.table = table.moved(by: pages * max(1, visibleRows - 1), visibleRows: visibleRows)
        case .top: s.table = table.selecting(0, visibleRows: visibleRows)
        case .bottom: s.table = table.selecting(rows.count - 1, visibleRows: visibleRows)
        case .loaded(let rows):
            let selectedID = s.rows.indices.contains(table.selection) ? s.rows[table.selection].id : nil
            s.rows = rows
            let keep = selectedID.flatMap { id in rows.firstIndex { $0.id == id } } ?? table.selection
            s.table = table.resized(rowCount: rows.count, visibleRows: visibleRows).selecting(keep, visibleRows: visibleRows)
        }
        return s
    }
}
