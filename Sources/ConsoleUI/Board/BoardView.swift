import Foundation
import PaymentCore
import Screen

/// Draws the supervisor board: a header (what is shown, sort, read-only), the PAUSED banner,
/// the filter being typed, the table (visible rows only), the recently finished payments when
/// there is room, and the totals line; the detail overlay on top.
enum BoardView {
    /// Where each part goes in `body` for this board.
    struct Layout {
        var header: Int
        var banner: Int?
        var filter: Int?
        var table: Rect
        var finished: Rect?
        var totals: Int
    }

    static func layout(_ board: BoardState, body: Rect) -> Layout {
        var row = body.row
        let header = row
        row += 1
        var banner: Int?
        if board.paused { banner = row; row += 1 }
        var filter: Int?
        if board.editingFilter || !board.filterField.text.isEmpty { filter = row; row += 1 }
        let totals = body.row + body.rows - 1
        var bottom = totals
        var finished: Rect?
        // Recently finished gets up to 5 lines, only when the table keeps at least 10.
        if !board.finished.isEmpty {
            let lines = min(5, board.finished.count) + 1
            if bottom - row - lines >= 11 {
                finished = Rect(row: bottom - lines, col: body.col, rows: lines, cols: body.cols)
                bottom -= lines
            }
        }
        let table = Rect(row: row, col: body.col, rows: max(1, bottom - row), cols: body.cols)
        return Layout(header: header, banner: banner, filter: filter, table: table, finished: finished, totals: totals)
    }

    /// Table rows that fit (the header of the table takes one).
    static func visibleRows(_ board: BoardState, body: Rect) -> Int {
        max(1, layout(board, body: body).table.rows - 1)
    }

    /// The columns that fit `width`, widest set first.
    static func columns(width: Int) -> [BoardColumn] {
        if width >= 110 { return BoardColumn.allCases }
        if width >= 72 { return [.status, .age, .expires, .amount, .currency, .description, .lastChange] }
        if width >= 64 { return [.status, .age, .amount, .currency, .description, .lastChange] }
        return [.status, .amount, .currency, .description]
    }

    static func tableColumn(_ column: BoardColumn, sort: BoardSort) -> TableColumn {
        let arrow = sort.column == column ? (sort.descending ? "↓" : "↑") : ""
        let title = column.title + arrow
        switch column {
        case .status: return TableColumn(title, .fixed(9))
        case .age: return TableColumn(title, .fixed(5), alignRight: true)
        case .expires: return TableColumn(title, .fixed(8), alignRight: true)
        case .amount: return TableColumn(title, .fixed(13), alignRight: true)
        case .currency: return TableColumn(title, .fixed(4))
        case .description: return TableColumn(title, .flexible(minimum: 8))
        case .conversation: return TableColumn(title, .fixed(13))
        case .agent: return TableColumn(title, .fixed(12))
        case .lastChange: return TableColumn(title, .fixed(8), alignRight: true)
        }
    }

    static func render(_ state: AppState, into frame: inout Frame, body: Rect) {
        let board = state.board
        let layout = Self.layout(board, body: body)
        renderHeader(board, into: &frame, row: layout.header, body: body)
        if let row = layout.banner {
            let since = board.pausedAt.map { " since " + StatusLine.clockText($0, offset: state.utcOffsetSeconds) } ?? ""
            let text = "⏸ PAUSED\(since): the board is NOT refreshing. P resumes."
            frame.fill(Rect(row: row, col: body.col, rows: 1, cols: body.cols), role: .bannerLive)
            frame.write(text, row: row, col: body.col + max(0, (body.cols - text.columns) / 2), role: .bannerLive, limit: body.cols)
        }
        if let row = layout.filter {
            frame.write("/", row: row, col: body.col, role: .accent)
            let cursor = board.filterField.render(into: &frame, row: row, col: body.col + 1, width: body.cols - 1)
            if board.editingFilter, state.prompt == nil { frame.cursor = cursor }
        }
        renderTable(state, into: &frame, rect: layout.table)
        if let rect = layout.finished { renderFinished(state, into: &frame, rect: rect) }
        renderTotals(board, into: &frame, row: layout.totals, body: body)
        if let detail = board.detail { renderDetail(detail, state: state, into: &frame, area: body) }
    }

    private static func renderHeader(_ board: BoardState, into frame: inout Frame, row: Int, body: Rect) {
        var left = board.filter.isEmpty
            ? "\(grouped(board.rows.count)) active"
            : "\(grouped(board.visible.count)) of \(grouped(board.rows.count)) match"
        if board.source == .journal { left += " (journal: this machine's payments)" }
        var col = body.col + frame.write(left, row: row, col: body.col, role: .text, limit: body.cols)
        if board.readOnly {
            col += frame.write("  READ-ONLY: no cancel", row: row, col: col, role: .accent, limit: max(0, body.col + body.cols - col))
        }
        let right = board.lastError.map { "✕ \($0)" } ?? (board.paused ? "paused" : "every \(board.intervalSeconds)s")
        let role: Role = board.lastError == nil ? .muted : .error
        let start = max(col + 2, body.col + body.cols - right.columns)
        if start < body.col + body.cols {
            frame.write(right, row: row, col: start, role: role, limit: body.col + body.cols - start)
        }
    }

    private static func renderTable(_ state: AppState, into frame: inout Frame, rect: Rect) {
        let board = state.board
        guard !board.visible.isEmpty else {
            let text = !board.loaded ? "Loading the board…"
                : board.rows.isEmpty ? "No pending or opened payments. New ones appear here as agents send them."
                : "No payment matches the filter. Esc clears it."
            let lines = wrap(text, width: max(10, rect.cols - 4))
            let top = rect.row + max(0, (rect.rows - lines.count) / 2)
            for (i, line) in lines.enumerated() where top + i < rect.row + rect.rows {
                frame.write(line, row: top + i, col: rect.col + max(0, (rect.cols - line.columns) / 2), role: .muted, limit: rect.cols)
            }
            return
        }
        let shown = columns(width: rect.cols)
        let tableColumns = shown.map { tableColumn($0, sort: board.sort) }
        board.table.render(into: &frame, rect: rect, columns: tableColumns) { index, column in
            let row = board.visible[index]
            return cell(row, shown[column], state: state, highlighted: board.isHighlighted(row.id))
        }
    }

    static func cell(_ row: BoardRow, _ column: BoardColumn, state: AppState, highlighted: Bool) -> (String, Role) {
        switch column {
        case .status: return ((highlighted ? "●" : "") + row.status.rawValue, highlighted ? .accent : PaymentsView.role(of: row.status))
        case .age: return (compactDuration(state.now.timeIntervalSince(row.createdAt)), .muted)
        case .expires: return PaymentsView.expiresCell(row.expiresAt, active: row.status.isActive, now: state.now)
        case .amount: return (row.formattedAmount, highlighted ? .accent : .text)
        case .currency: return (row.currency, .muted)
        case .description: return (row.description, highlighted ? .accent : .text)
        case .conversation: return (row.conversationId, .muted)
        case .agent: return (row.agentKeyId ?? "—", .muted)
        case .lastChange: return (compactDuration(state.now.timeIntervalSince(row.updatedAt)) + " ago", .muted)
        }
    }

    private static func renderFinished(_ state: AppState, into frame: inout Frame, rect: Rect) {
        let minutes = Int(BoardState.finishedWindow / 60)
        frame.write("Recently finished (last \(minutes) min)", row: rect.row, col: rect.col, role: .accent, limit: rect.cols)
        for (i, item) in state.board.finished.prefix(rect.rows - 1).enumerated() {
            let row = item.row
            let y = rect.row + 1 + i
            var col = rect.col + frame.write(row.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0), row: y,
                                             col: rect.col, role: PaymentsView.role(of: row.status), limit: rect.cols)
            let ago = compactDuration(state.now.timeIntervalSince(item.at)) + " ago"
            let amount = "\(row.currency) \(row.formattedAmount)  "
            col += frame.write(amount, row: y, col: col, role: .text, limit: max(0, rect.col + rect.cols - col))
            let room = rect.col + rect.cols - col - ago.count - 1
            if room > 0 { frame.write(row.description, row: y, col: col, role: .muted, limit: room) }
            frame.write(ago, row: y, col: rect.col + rect.cols - ago.count, role: .muted)
        }
    }

    private static func renderTotals(_ board: BoardState, into frame: inout Frame, row: Int, body: Rect) {
        frame.fill(Rect(row: row, col: body.col, rows: 1, cols: body.cols), role: .border)
        guard board.loaded else { return }
        let counts = board.totals.countsText.isEmpty ? "nothing outstanding" : board.totals.countsText
        var col = body.col + frame.write(counts, row: row, col: body.col, role: .text, limit: body.cols)
        let outstanding = board.totals.outstandingText
        if !outstanding.isEmpty, col + 3 < body.col + body.cols {
            col += frame.write(" │ outstanding ", row: row, col: col, role: .muted, limit: body.col + body.cols - col)
            frame.write(outstanding, row: row, col: col, role: .text, limit: max(0, body.col + body.cols - col))
        }
    }

    /// A compact detail overlay (the full detail screen is the payments screen's).
    private static func renderDetail(_ row: BoardRow, state: AppState, into frame: inout Frame, area: Rect) {
        let lines: [(String, String)] = [
            ("Status", row.status.rawValue),
            ("Amount", "\(row.currency) \(row.formattedAmount)"),
            ("Description", row.description),
            ("Payment", row.id),
            ("Conversation", row.conversationId),
            ("Agent key", row.agentKeyId ?? "not reported by the platform"),
            ("Created", compactDuration(state.now.timeIntervalSince(row.createdAt)) + " ago"),
            ("Changed", compactDuration(state.now.timeIntervalSince(row.updatedAt)) + " ago"),
        ]
        let box = area.centred(rows: min(area.rows, lines.count + 2), cols: min(area.cols, 64))
        frame.fill(box, role: .text)
        frame.box(box, title: "Payment")
        for (i, (label, value)) in lines.enumerated() where i < box.rows - 2 {
            let y = box.row + 1 + i
            frame.write(label, row: y, col: box.col + 2, role: .muted, limit: 13)
            frame.write(value, row: y, col: box.col + 16, role: .text, limit: max(0, box.cols - 18))
        }
    }
}
