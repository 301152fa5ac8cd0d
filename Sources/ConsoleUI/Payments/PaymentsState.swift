import Foundation
import PaymentCore

/// One payment as the payments table shows it.
public struct PaymentRow: Hashable, Sendable, Identifiable {
    public var id: String
    public var status: PaymentStatus
    public var amount: Money
    public var description: String
    public var createdAt: Date
    public var expiresAt: Date?

    public init(id: String, status: PaymentStatus, amount: Money, description: String, createdAt: Date, expiresAt: Date? = nil) {
        self.id = id
        self.status = status
        self.amount = amount
        self.description = description
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// What the payments screen's keys and results do.
public enum PaymentsCommand: Hashable, Sendable {
    case move(Int)
    case page(Int)
    case top
    case bottom
    /// Enter: the selected payment's detail (the reducer switches screens).
    case open
    /// The payments the watcher reported, newest first.
    case loaded([PaymentRow])
}

extension PaymentRow {
    /// The row of a payment message (its amount in the requested currency).
    public init(_ message: PaymentMessage) {
        let currency = Currency(code: message.payment.currency) ?? .unlisted(code: message.payment.currency)
        self.init(id: message.id, status: message.status, amount: Money(minorUnits: message.payment.amount, currency: currency),
                  description: message.payment.description,
                  createdAt: RFC3339.date(message.createdAt) ?? Date(timeIntervalSince1970: 0),
                  expiresAt: RFC3339.date(message.expiresAt))
    }
}

/// The payments screen: this agent's payments and the selection among them.
public struct PaymentsState: Hashable, Sendable {
    public var rows: [PaymentRow] = []

    /// The selected payment's id, if any.
    public var selectedID: String? { rows.indices.contains(table.selection) ? rows[table.selection].id : nil }
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
        case .open: break
        case .loaded(let rows):
            let selectedID = s.rows.indices.contains(table.selection) ? s.rows[table.selection].id : nil
            s.rows = rows
            let keep = selectedID.flatMap { id in rows.firstIndex { $0.id == id } } ?? table.selection
            s.table = table.resized(rowCount: rows.count, visibleRows: visibleRows).selecting(keep, visibleRows: visibleRows)
        }
        return s
    }
}
