import PaymentCore
import Screen

/// Draws the handshake screen: a sequence diagram of the five lifelines with one arrow per
/// step, lit once the step really happened, and a side pane with the chosen step's payload.
/// Below 70x20 it degrades to a list of the steps with the payload under it.
enum HandshakeView {
    static func render(_ state: AppState, into frame: inout Frame, body: Rect) {
        if body.cols >= 70, body.rows >= 18 {
            renderDiagram(state.handshake, into: &frame, body: body)
        } else {
            renderCompact(state.handshake, into: &frame, body: body)
        }
    }

    // MARK: - Full size

    static func renderDiagram(_ h: HandshakeState, into frame: inout Frame, body: Rect) {
        let paneWidth = max(30, body.cols * 2 / 5)
        let width = body.cols - paneWidth
        let spacing = (width - 11) / 4
        let column = { (line: Lifeline) in body.col + 5 + line.rawValue * spacing }
        let top = body.row
        let last = top + 2 * HandshakeStep.allCases.count

        for line in Lifeline.allCases {
            let name = line.name
            frame.write(name, row: top, col: column(line) - name.count / 2, role: .accent)
            for row in (top + 1)...last { frame.write("│", row: row, col: column(line), role: .border) }
        }
        for step in HandshakeStep.allCases {
            let labelRow = top + 2 * step.rawValue - 1
            let arrowRow = labelRow + 1
            let (from, to) = step.arrow
            let a = column(from), b = column(to)
            let role = self.role(of: step, in: h)
            let lit = h.isShown(step)
            frame.write(mark(of: step, in: h), row: labelRow, col: body.col, role: role)
            let label = "\(step.rawValue) \(step.title)"
            let labelRole: Role = h.paneStep == step ? .selection : role
            frame.write(label, row: labelRow, col: min(a, b) + 2, role: labelRole, limit: body.col + width - min(a, b) - 3)
            let lo = min(a, b) + 1, hi = max(a, b) - 1
            if lo <= hi {
                frame.write(String(repeating: lit ? "─" : "╌", count: hi - lo + 1), row: arrowRow, col: lo, role: role)
                frame.write(b > a ? "▶" : "◀", row: arrowRow, col: b > a ? hi : lo, role: role)
            }
        }
        let footer = last + 2
        frame.write(summary(h), row: footer, col: body.col, role: summaryRole(h), limit: width - 1)
        if let note = note(h) {
            frame.write(note.text, row: footer + 1, col: body.col, role: note.role, limit: width - 1)
        }

        let paneCol = body.col + width
        for row in body.row..<(body.row + body.rows) { frame.write("│", row: row, col: paneCol, role: .border) }
        renderPane(h, into: &frame, area: Rect(row: body.row, col: paneCol + 2, rows: body.rows, cols: paneWidth - 3))
    }

    /// The payload pane: step heading, then what travelled, wrapped to the pane.
    static func renderPane(_ h: HandshakeState, into frame: inout Frame, area: Rect) {
        var lines: [(String, Role)]
        if let step = h.paneStep {
            lines = [("Step \(step.rawValue) of 7", .accent), (step.heading, .text), ("", .text)]
            if let record = h.records[step], h.isShown(step) {
                lines += record.payload.map { ($0, record.failed ? .statusFailed : .text) }
            } else if !h.vantage.observes(step) {
                lines.append(("Not visible from the agent side: it happens between the user, the Client and the processor.", .muted))
            } else {
                lines.append(("Not happened yet.", .muted))
            }
        } else if h.vantage == .agentSide {
            lines = [("The seven-step handshake", .accent), ("", .text),
                     ("Send a payment (n) and it", .text), ("is followed here.", .text), ("", .text),
                     ("Against a live site only steps", .muted), ("1, 3 and 7 can be seen.", .muted)]
        } else {
            lines = [("The seven-step handshake", .accent), ("", .text),
                     ("n creates a demo payment:", .text), ("step 1, as an agent would.", .text), ("", .text),
                     ("Each arrow lights when it", .muted), ("really happens.", .muted)]
        }
        var row = area.row
        for (text, role) in lines {
            for piece in wrap(text, width: area.cols) {
                guard row < area.row + area.rows else { return }
                frame.write(piece, row: row, col: area.col, role: role, limit: area.cols)
                row += 1
            }
        }
    }

    // MARK: - Small terminals

    static func renderCompact(_ h: HandshakeState, into frame: inout Frame, body: Rect) {
        var row = body.row
        let end = body.row + body.rows
        frame.write(summary(h), row: row, col: body.col, role: summaryRole(h), limit: body.cols)
        row += 1
        for step in HandshakeStep.allCases where row < end {
            let (from, to) = step.arrow
            let text = "\(mark(of: step, in: h))\(step.rawValue) \(from.name)→\(to.name) \(step.title)"
            frame.write(text, row: row, col: body.col, role: h.paneStep == step ? .selection : role(of: step, in: h), limit: body.cols)
            row += 1
        }
        if let note = note(h), row < end {
            frame.write(note.text, row: row, col: body.col, role: note.role, limit: body.cols)
            row += 1
        }
        guard let step = h.paneStep, let record = h.records[step], h.isShown(step) else { return }
        for line in record.payload where row < end {
            frame.write("  " + line, row: row, col: body.col, role: record.failed ? .statusFailed : .muted, limit: body.cols)
            row += 1
        }
    }

    // MARK: - Pieces

    static func mark(of step: HandshakeStep, in h: HandshakeState) -> String {
        guard h.vantage.observes(step) else { return "· " }
        guard h.isShown(step) else { return "  " }
        return h.records[step]?.failed == true ? "✗ " : "✓ "
    }

    static func role(of step: HandshakeStep, in h: HandshakeState) -> Role {
        guard h.isShown(step), let record = h.records[step] else { return .muted }
        return record.failed ? .statusFailed : .statusPaid
    }

    /// One line: the payment's amount and status, and how many steps are shown.
    static func summary(_ h: HandshakeState) -> String {
        if h.creating { return "Creating the demo payment…" }
        guard h.paymentId != nil else {
            return h.vantage == .agentSide ? "No payment followed yet: send one and it shows here." : "No demo payment yet: n creates one."
        }
        let shown = HandshakeStep.allCases.filter(h.isShown).count
        let amount = h.amount?.formatted(.code) ?? ""
        let total = h.vantage == .agentSide ? "\(shown)/\(HandshakeVantage.agentObservable.count) visible steps" : "\(shown)/7 steps"
        return "\(amount) \(h.status?.rawValue ?? "") · \(total)"
    }

    static func summaryRole(_ h: HandshakeState) -> Role {
        guard let status = h.status else { return .muted }
        return PaymentsView.role(of: status)
    }

    /// The line under the summary: a refusal, or what stepping holds back.
    static func note(_ h: HandshakeState) -> (text: String, role: Role)? {
        if let refusal = h.refusal { return ("Client refused: \(refusal)", .error) }
        if h.vantage == .agentSide, !h.stepping { return ("· out of this console's sight (live site)", .muted) }
        if h.stepping {
            let held = h.heldBack
            return (held > 0 ? "Stepping: \(held) held back, space reveals" : "Stepping: space reveals each step", .accent)
        }
        return nil
    }
}
