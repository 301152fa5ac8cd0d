import Foundation
import PaymentCore
import Screen

/// Draws a payment: status, links, timeline, the Client's response against the original,
/// the token's header and claims; and the conversation's transcript in a pane of its own.
enum DetailView {
    static func render(_ state: AppState, into frame: inout Frame, body: Rect) {
        guard let id = state.detail.paymentId, let message = state.paymentMessages.first(where: { $0.id == id }) else {
            frame.write(" No such payment: Esc goes back to the list.", row: body.row, col: body.col, role: .muted, limit: body.cols)
            return
        }
        let side = body.cols >= 110
        let paneRows = side ? body.rows : min(8, body.rows / 3)
        let main = side ? Rect(row: body.row, col: body.col, rows: body.rows, cols: body.cols * 3 / 5)
                        : Rect(row: body.row, col: body.col, rows: body.rows - paneRows, cols: body.cols)
        let pane = side ? Rect(row: body.row, col: main.cols, rows: body.rows, cols: body.cols - main.cols)
                        : Rect(row: main.row + main.rows, col: body.col, rows: paneRows, cols: body.cols)
        // Long lines (links, ids) continue on the next row rather than being cut: ↑↓ scroll to them.
        let content = lines(message, state: state).flatMap { wrapped($0, width: main.cols) }
        let first = max(0, min(state.detail.scroll, content.count - main.rows))
        for (i, line) in content.dropFirst(first).prefix(main.rows).enumerated() {
            var col = main.col
            for (text, role) in line {
                col += frame.write(text, row: main.row + i, col: col, role: role, limit: main.col + main.cols - col)
            }
        }
        ConversationPane.render(state.conversation, highlight: message.id, state: state, into: &frame, area: pane)
    }

    /// A line of segments cut into rows of at most `width` columns.
    static func wrapped(_ line: [(String, Role)], width: Int) -> [[(String, Role)]] {
        guard width > 0, line.reduce(0, { $0 + $1.0.columns }) > width else { return [line] }
        var rows: [[(String, Role)]] = [[]]
        var used = 0
        for (text, role) in line {
            var piece = ""
            for character in text {
                let w = character.columns
                if used + w > width {
                    if !piece.isEmpty { rows[rows.count - 1].append((piece, role)) }
                    piece = ""
                    rows.append([])
                    used = 0
                }
                piece.append(character)
                used += w
            }
            if !piece.isEmpty { rows[rows.count - 1].append((piece, role)) }
        }
        return rows
    }

    static func lines(_ message: PaymentMessage, state: AppState) -> [[(String, Role)]] {
        let offset = state.utcOffsetSeconds
        var out: [[(String, Role)]] = []
        let amount = message.requested?.formatted(.code) ?? "\(message.payment.amount) \(message.payment.currency)"
        out.append([(" " + message.status.rawValue.uppercased() + " ", PaymentsView.role(of: message.status)),
                    ("  " + amount + "  ", .accent), (message.payment.description, .text)])
        out.append([(" Short link  ", .muted), (message.shortUrl ?? "-", .text)])
        out.append([(" Full link   ", .muted), (message.paymentUrl ?? "-", .text)])
        var created: [(String, Role)] = [(" Created \(RFC3339.date(message.createdAt).map { Expiry.clock($0, now: state.now, offset: offset) } ?? message.createdAt)  ", .muted)]
        if let expires = RFC3339.date(message.expiresAt) {
            let soon = message.status.isActive && Expiry.isSoon(expires, now: state.now)
            created.append((message.status.isActive ? Expiry.sentence(expires, now: state.now, offset: offset)
                                                    : "link valid until " + Expiry.clock(expires, now: state.now, offset: offset),
                            soon ? .warning : .muted))
        }
        created.append(("  id \(message.id)", .muted))
        out.append(created)
        out.append([])
        out.append([(" Timeline", .accent)])
        for event in message.events ?? [] {
            out.append([("   " + Timestamp.clock(event.at, offset: offset) + "  ", .muted),
                        (event.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0), PaymentsView.role(of: event.status)),
                        (event.note, .text)])
        }
        if let response = message.response, let currency = Currency(code: message.payment.currency) {
            out.append([])
            out.append([(" Client's response", .accent)])
            let charged = Money(minorUnits: response.amount, currency: currency).formatted(.code)
            var line: [(String, Role)] = [("   " + response.outcome.rawValue + "  ", response.outcome == .success ? .statusPaid : .statusFailed),
                                          (charged, .text)]
            if let override = message.override, override.amountDelta != 0 {
                let delta = Money(minorUnits: abs(override.amountDelta), currency: currency).formatted(.plain)
                line.append(("  (requested \(Money(minorUnits: override.requestedAmount, currency: currency).formatted(.code)), \(override.amountDelta > 0 ? "+" : "-")\(delta))", .statusPending))
            }
            if let transaction = response.transactionId { line.append(("  txn " + transaction, .muted)) }
            out.append(line)
            if let text = response.message { out.append([("   " + text, .text)]) }
            for change in message.override?.lineChanges ?? [] {
                switch change {
                case .added(let item): out.append([("   + \(item.quantity) × \(item.name)", .statusPending)])
                case .removed(let item): out.append([("   - \(item.quantity) × \(item.name)", .statusPending)])
                case .changed(let from, let to):
                    out.append([("   ~ \(from.quantity) × \(from.name) → \(to.quantity) × \(to.name) at \(Money(minorUnits: to.unitAmount, currency: currency).formatted(.plain))", .statusPending)])
                }
            }
        }
        if let token = message.token, let inspection = TokenInspection(token: token) {
            out.append([])
            out.append([(" Token header  ", .accent), (inspection.header.map { "\($0.name) \($0.value)" }.joined(separator: " · "), .text)])
            out.append([(" Token claims", .accent)])
            for claim in inspection.claims {
                var value = claim.value
                if ["iat", "nbf", "exp"].contains(claim.name), let seconds = Double(claim.value) {
                    value += "  (" + Expiry.stamp(Date(timeIntervalSince1970: seconds), now: state.now, offset: offset) + ")"
                }
                out.append([("   " + claim.name.padding(toLength: 5, withPad: " ", startingAt: 0), .muted), (value, .text)])
            }
        }
        return out
    }
}
