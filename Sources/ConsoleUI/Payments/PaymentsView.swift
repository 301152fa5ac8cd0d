import Foundation
import PaymentCore
import Screen

/// Draws the payments screen: the table, or what to expect when there is nothing yet.
enum PaymentsView {
    static let columns = [
        TableColumn("Status", .fixed(9)),
        TableColumn("Amount", .fixed(16), alignRight: true),
        TableColumn("Description", .flexible(minimum: 8)),
        TableColumn("Expires", .fixed(7), alignRight: true),
        TableColumn("Age", .fixed(4), alignRight: true),
    ]

    /// Table rows that fit in `body` (its header takes one).
    static func visibleRows(body: Rect) -> Int { max(1, body.rows - 1) }

    static func render(_ state: AppState, into frame: inout Frame, body: Rect) {
        let payments = state.payments
        guard !payments.rows.isEmpty else {
            let lines: [(String, Role)] = [
                ("No payments yet.", .text),
                ("", .text),
                ("Payments you send appear here", .muted),
                ("with their live status.", .muted),
                ("", .text),
                ("? shows the keys, : opens the prompt.", .muted),
            ]
            let top = body.row + max(0, (body.rows - lines.count) / 2)
            for (i, (text, role)) in lines.enumerated() where top + i < body.row + body.rows {
                frame.write(text, row: top + i, col: body.col + max(0, (body.cols - text.columns) / 2), role: role, limit: body.cols)
            }
            return
        }
        payments.table.render(into: &frame, rect: body, columns: columns) { row, column in
            let payment = payments.rows[row]
            switch column {
            case 0: return (payment.status.rawValue, role(of: payment.status))
            case 1: return (payment.amount.formatted(.code), .text)
            case 2: return (payment.description, .text)
            case 3: return expiresCell(payment.expiresAt, active: payment.status.isActive, now: state.now)
            default: return (compactDuration(state.now.timeIntervalSince(payment.createdAt)), .muted)
            }
        }
    }

    /// How long an active payment's link has left (`23h`, `9m`), in the warning role within
    /// ten minutes of its end; a dash once the payment ended.
    static func expiresCell(_ expiresAt: Date?, active: Bool, now: Date) -> (String, Role) {
        guard active, let expiresAt else { return ("—", .muted) }
        let left = expiresAt.timeIntervalSince(now)
        guard left > 0 else { return ("now", .warning) }
        return (compactDuration(left), Expiry.isSoon(expiresAt, now: now) ? .warning : .muted)
    }

    static func role(of status: PaymentStatus) -> Role {
        switch status {
        case .pending: .statusPending
        case .opened: .statusOpened
        case .paid: .statusPaid
        case .failed: .statusFailed
        case .expired: .statusExpired
        case .cancelled: .statusCancelled
        }
    }
}
