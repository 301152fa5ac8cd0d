import PaymentCore
import Screen

/// Draws Compose: one line per field with its violations beside it, the two tables, the live
/// total, the Send button and, after a refused Send, the list of what is wrong.
enum ComposeView {
    static let labelWidth = 14

    static func render(_ state: AppState, into frame: inout Frame, body: Rect) {
        guard let compose = state.compose else { return }
        // Drawn in full off screen, then the part that fits is copied in: all of it on a tall
        // terminal; on a short one (40x12) the part holding the focused field, with ↑ / ↓ where
        // more of the form is.
        var tall = Frame(size: Size(rows: body.rows + 40, cols: frame.size.cols))
        let offers = compose.offers(in: state.catalog)
        let offered = Offers(texts: offers.prefix(ComposeState.offerLimit).map { $0.offerText(in: compose.offerCurrency) },
                             chosen: compose.offerIndex, more: max(0, offers.count - ComposeState.offerLimit))
        let drawn = draw(compose, offers: offered, into: &tall, body: Rect(row: 0, col: body.col, rows: tall.size.rows, cols: body.cols))
        let first = drawn.used > body.rows ? max(0, min((drawn.focusRow ?? 0) - body.rows / 2, drawn.used - body.rows)) : 0
        frame.copyRows(from: tall, first: first, count: body.rows, to: body.row, columns: body.col..<(body.col + body.cols))
        if let cursor = tall.cursor, cursor.row >= first, cursor.row < first + body.rows {
            frame.cursor = Position(row: cursor.row - first + body.row, col: cursor.col)
        } else {
            frame.cursor = nil
        }
        let edge = body.col + body.cols - 1
        if first > 0 { frame.write("↑", row: body.row, col: edge, role: .accent) }
        if first + body.rows < drawn.used { frame.write("↓", row: body.row + body.rows - 1, col: edge, role: .accent) }
    }

    /// Draws the whole form from `body.row`; returns the rows it used and the focused field's row.
    /// The catalogue's offers for the line item's name being typed, drawn on rows of their own
    /// under it (the rest of the form moves down, so they never cover other text).
    struct Offers {
        var texts: [String] = []
        var chosen = 0
        /// Matches beyond the ones shown.
        var more = 0
    }

    private static func draw(_ compose: ComposeState, offers: Offers, into frame: inout Frame, body: Rect) -> (used: Int, focusRow: Int?) {
        let violations = compose.violations
        var focusRow: Int?
        var row = body.row
        let bottom = body.row + body.rows
        let title = compose.recovered ? "New payment: draft recovered after an unexpected exit" : "New payment"
        frame.write(" " + title, row: row, col: body.col, role: compose.recovered ? .statusPending : .accent, limit: body.cols)
        row += 1
        let fieldWidth = max(8, min(40, body.cols - labelWidth - 12))
        let asideCol = body.col + labelWidth + fieldWidth + 2

        func label(_ field: ComposeField, _ row: Int) {
            let focused = compose.focus == field
            if focused { focusRow = row }
            frame.write((focused ? "›" : " ") + field.label, row: row, col: body.col, role: focused ? .accent : .muted, limit: labelWidth)
        }
        func aside(_ text: String, _ role: Role, _ row: Int) {
            frame.write(text, row: row, col: asideCol, role: role, limit: body.col + body.cols - asideCol)
        }
        // Problems too long for the space beside their field: shown whole under the form.
        var cutShort: [String] = []
        func problem(_ message: String, row: Int, col: Int) {
            let text = "! " + message, room = body.col + body.cols - col
            if text.columns <= room {
                frame.write(text, row: row, col: col, role: .error, limit: room)
            } else {
                frame.write(String(text.prefix(max(1, room - 1))) + "…", row: row, col: col, role: .error, limit: room)
                cutShort.append(message)
            }
        }
        func errors(_ field: ComposeField) -> [FieldViolation] {
            violations.filter { ComposeField.owning($0.field) == field }
        }
        func textLine(_ field: ComposeField, _ text: TextField, _ note: (String, Role)? = nil, quiet: Bool = false) {
            guard row < bottom else { return }
            label(field, row)
            let position = text.render(into: &frame, row: row, col: body.col + labelWidth, width: fieldWidth,
                                       role: compose.focus == field ? .selection : .text)
            if compose.focus == field { frame.cursor = position }
            if let first = errors(field).first, !quiet {
                problem(first.message, row: row, col: asideCol)
            } else if let note {
                aside(note.0, note.1, row)
            }
            row += 1
        }

        textLine(.conversation, compose.conversation)
        textLine(.description, compose.description)
        let currencyNote: (String, Role)
        if compose.focus == .currency, compose.resolvedCurrency == nil {
            currencyNote = (compose.currencyMatches.prefix(4).map { "\($0.code) \($0.name)" }.joined(separator: " · "), .muted)
        } else {
            currencyNote = (compose.resolvedCurrency?.name ?? "", .muted)
        }
        if compose.focus == .currency, compose.resolvedCurrency == nil, row < bottom {
            // Type-ahead: the matches show even while the text is not a currency yet, in the place
            // of the error (which shows whole under the form while the field has the focus).
            textLine(.currency, compose.currency, (currencyNote.0.isEmpty ? "! no currency matches" : "↹ " + currencyNote.0,
                                                   currencyNote.0.isEmpty ? .error : .muted), quiet: true)
        } else {
            textLine(.currency, compose.currency, currencyNote)
        }
        let draft = compose.draft
        let totalNote: (String, Role) = draft.total.map {
            ("Total " + $0.formatted(.code) + (draft.amount == nil ? " (sum of the line items)" : ""), .accent)
        } ?? ("", .muted)
        textLine(.amount, compose.amount, totalNote)

        row = table(.lineItems, compose.lineItems, headers: ["Name", "Qty", "Unit price", "SKU"], widths: [0, 5, 12, 8],
                    maxRows: 5, compose: compose, currency: draft.currency, errors: errors(.lineItems), offers: offers,
                    into: &frame, row: row, body: body, bottom: bottom, cutShort: &cutShort)
        row = table(.metadata, compose.metadata, headers: ["Key", "Value"], widths: [16, 0], maxRows: 3,
                    compose: compose, currency: nil, errors: errors(.metadata), offers: Offers(), into: &frame, row: row, body: body, bottom: bottom,
                    cutShort: &cutShort)
        textLine(.key, compose.key, ("optional, mirrored in the link", .muted))
        textLine(.expires, compose.expires, ("e.g. 30m, 24h, 7d; empty: the platform's default", .muted))

        if row < bottom {
            let button = compose.sending ? "[ Sending… ]" : "[ Send ]"
            let focused = compose.focus == .send
            if focused { focusRow = row }
            frame.write(button, row: row, col: body.col + labelWidth, role: focused ? .selection : .accent)
            let count = violations.count
            aside(count == 0 ? "ready: ^S previews, Enter there sends" : "\(count) thing\(count == 1 ? "" : "s") to fix before sending",
                  count == 0 ? .statusPaid : .error, row)
            row += 1
        }
        // Whole, under the form: the focused field's first problem, and every problem that was
        // cut short beside its field.
        var whole: [String] = []
        if let focused = violations.first(where: { ComposeField.owning($0.field) == compose.focus }) { whole.append(focused.message) }
        for message in cutShort where !whole.contains(message) { whole.append(message) }
        for message in whole {
            for line in wrap("! " + message, width: max(10, body.cols - 2)) where row < bottom {
                frame.write(" " + line, row: row, col: body.col, role: .error, limit: body.cols)
                row += 1
            }
        }
        if !compose.refusal.isEmpty, row < bottom {
            frame.write(" Cannot send yet:", row: row, col: body.col, role: .error)
            row += 1
            for line in compose.refusal where row < bottom {
                frame.write("  • " + line, row: row, col: body.col, role: .error, limit: body.cols)
                row += 1
            }
        }
        // A table's cursor row is below its label: follow the cursor when there is one.
        return (row - body.row, frame.cursor.map(\.row) ?? focusRow)
    }

    /// A table field: header, the rows around the selected one, each row's first violation
    /// beside it. Returns the next free row.
    private static func table(_ field: ComposeField, _ editor: RowEditor, headers: [String], widths: [Int], maxRows: Int,
                              compose: ComposeState, currency: Currency?, errors: [FieldViolation], offers: Offers,
                              into frame: inout Frame, row start: Int, body: Rect, bottom: Int,
                              cutShort: inout [String]) -> Int {
        var row = start
        guard row < bottom else { return row }
        let focused = compose.focus == field
        frame.write((focused ? "›" : " ") + field.label, row: row, col: body.col, role: focused ? .accent : .muted, limit: labelWidth)
        let left = body.col + labelWidth
        let available = max(10, min(body.cols - labelWidth - 1, 70))
        let fixed = widths.reduce(0, +) + widths.count - 1
        let resolved = widths.map { $0 == 0 ? max(6, available - fixed) : $0 }
        var x = left
        for (i, header) in headers.enumerated() {
            frame.write(header, row: row, col: x, role: .muted, limit: resolved[i])
            x += resolved[i] + 1
        }
        if let tableError = errors.first(where: { !$0.field.contains("[") }) {
            frame.write("! " + tableError.message, row: row, col: x, role: .error, limit: body.col + body.cols - x)
        }
        row += 1
        if editor.rows.isEmpty {
            if row < bottom {
                frame.write(focused ? "(none: type to add one, ^N adds a row)" : "(none)", row: row, col: left, role: .muted, limit: body.cols - labelWidth)
                row += 1
            }
            return row
        }
        let first = max(0, min(editor.row - maxRows + 1, editor.rows.count - maxRows))
        let shown = Array(editor.rows.indices).dropFirst(first).prefix(maxRows)
        for index in shown where row < bottom {
            var x = left
            for column in 0..<editor.columns {
                let isCell = focused && index == editor.row && column == editor.column
                let cell = editor.rows[index][column]
                let position = cell.render(into: &frame, row: row, col: x, width: resolved[column], role: isCell ? .selection : .text)
                if isCell { frame.cursor = position }
                x += resolved[column] + 1
            }
            let prefix = "\(field == .lineItems ? "lineItems" : "metadata")[\(index)]"
            if let error = errors.first(where: { $0.field.hasPrefix(prefix) }) {
                let text = "! " + error.message, room = body.col + body.cols - x
                if text.columns <= room {
                    frame.write(text, row: row, col: x, role: .error, limit: room)
                } else {
                    frame.write(String(text.prefix(max(1, room - 1))) + "…", row: row, col: x, role: .error, limit: room)
                    cutShort.append(error.message)
                }
            }
            row += 1
            if focused, index == editor.row, !offers.texts.isEmpty {
                for (i, text) in offers.texts.enumerated() where row < bottom {
                    let chosen = i == min(offers.chosen, offers.texts.count - 1)
                    frame.write((chosen ? "▸ " : "  ") + text, row: row, col: left + 1, role: chosen ? .selection : .text,
                                limit: body.col + body.cols - left - 2)
                    row += 1
                }
                if row < bottom {
                    let more = offers.more > 0 ? "+\(offers.more) more; " : ""
                    frame.write("  \(more)Enter takes it, ↓/↑ choose, Tab keeps what you typed", row: row, col: left + 1, role: .muted,
                                limit: body.col + body.cols - left - 2)
                    row += 1
                }
            }
        }
        if editor.rows.count > maxRows, row < bottom {
            frame.write("\(editor.row + 1)/\(editor.rows.count) rows", row: row, col: left, role: .muted)
            row += 1
        }
        return row
    }
}
