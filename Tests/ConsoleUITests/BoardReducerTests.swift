import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

/// What a supervisor notices on the board, checked on the pure reducer.
@Suite("Board reducer")
struct BoardReducerTests {
    @Test("the selection stays on the same payment across a refresh and a re-sort")
    func selectionFollowsPayment() {
        let rows = BoardFixture.rows(50)
        let state = Fixture.after([.board(.move(7))], from: BoardFixture.state(rows))
        let chosen = state.board.selected?.id
        // A new payment arrives at the top, and the sort is reversed.
        let refreshed = Fixture.after([.board(.refreshed(BoardRefresh(rows: [BoardFixture.row(999)] + rows, at: Fixture.now))),
                                       .board(.reverseSort)], from: state)
        #expect(refreshed.board.selected?.id == chosen)
        #expect(refreshed.board.visible.count == 51)
    }

    @Test("a refresh that changes nothing leaves the state equal, so nothing is redrawn")
    func unchangedRefreshIsEqual() {
        let state = BoardFixture.state(BoardFixture.rows(30))
        let (after, effects) = reduce(state, .board(.refreshed(BoardRefresh(rows: BoardFixture.rows(30), at: Fixture.now.addingTimeInterval(2)))))
        #expect(after == state)
        #expect(effects.isEmpty)
    }

    @Test("a partial refresh says what could not be read in the header, and the next full one clears it")
    func partialRefresh() {
        let rows = BoardFixture.rows(5)
        let problem = "2 of 5 payments could not be read: the platform is unreachable at http://127.0.0.1:9."
        let partial = Fixture.after([.board(.refreshed(BoardRefresh(rows: Array(rows.prefix(3)), at: Fixture.now, source: .journal,
                                                                    problem: problem)))], from: BoardFixture.state(rows))
        #expect(partial.board.lastError == problem)
        #expect(partial.board.rows.count == 3)
        let screen = render(partial, size: Size(rows: 24, cols: 160)).lines
        #expect(screen.contains { $0.contains("✕ 2 of 5 payments could not be read") }, "\(screen.joined(separator: "\n"))")
        let full = Fixture.after([.board(.refreshed(BoardRefresh(rows: rows, at: Fixture.now, source: .journal)))], from: partial)
        #expect(full.board.lastError == nil)
    }

    @Test("a row whose status changed is highlighted, and the highlight goes after a few seconds")
    func highlight() {
        var rows = BoardFixture.rows(5)
        let state = BoardFixture.state(rows)
        rows[2].status = .opened == rows[2].status ? .pending : .opened
        let changed = Fixture.after([.board(.refreshed(BoardRefresh(rows: rows, at: Fixture.now)))], from: state)
        #expect(changed.board.isHighlighted(rows[2].id))
        #expect(!changed.board.isHighlighted(rows[1].id))
        let later = Fixture.after([.tick(Fixture.now.addingTimeInterval(BoardState.highlightSeconds + 1))], from: changed)
        #expect(!later.board.isHighlighted(rows[2].id))
    }

    @Test("a payment that left the board shows under recently finished with its outcome, then ages out")
    func recentlyFinished() {
        let rows = BoardFixture.rows(5)
        var paid = rows[0]
        paid.status = .paid
        let state = Fixture.after([.board(.refreshed(BoardRefresh(rows: Array(rows.dropFirst()), finished: [paid], at: Fixture.now)))],
                                  from: BoardFixture.state(rows))
        #expect(state.board.finished.map(\.row.status) == [.paid])
        #expect(state.board.rows.count == 4)
        let later = Fixture.after([.tick(Fixture.now.addingTimeInterval(BoardState.finishedWindow + 1))], from: state)
        #expect(later.board.finished.isEmpty)
    }

    @Test("/ filters as you type over every text column; ! excludes")
    func filter() {
        let state = BoardFixture.state(BoardFixture.rows(40))
        let jpy = Fixture.after([.key(.char("/"))] + "jpy".map { .key(.char($0)) }, from: state)
        #expect(jpy.board.editingFilter)
        #expect(!jpy.board.visible.isEmpty && jpy.board.visible.allSatisfy { $0.currency == "JPY" })
        let notAna = Fixture.after([.key(.enter), .key(.char("/"))] + " !agent-ana".map { .key(.char($0)) }, from: jpy)
        #expect(notAna.board.visible.allSatisfy { $0.currency == "JPY" && $0.agentKeyId != "agent-ana" })
        let japanese = Fixture.after([.key(.enter), .key(.escape), .key(.char("/")), .paste("ウィジェット")], from: notAna)
        #expect(japanese.board.visible.count == 8)
        #expect(japanese.board.totals.countByStatus.values.reduce(0, +) == 8)
    }

    @Test("the filter is case-insensitive in every script: CAFÉ finds café, ÄRGER finds Ärger, and the amount as shown")
    func filterCase() {
        let base = BoardFixture.rows(3)
        let rows = zip(base, ["Café CRÈME", "Ärger mit ΣΊΣΥΦΟΣ", "Plain ORDER"]).map { row, description in
            BoardRow(id: row.id, status: row.status, amount: 125_050, currency: "USD", description: description,
                     conversationId: row.conversationId, agentKeyId: "Agent-ANA", createdAt: row.createdAt)
        }
        for row in rows {
            let joined = [row.status.rawValue, row.formattedAmount, row.currency, row.description, row.conversationId,
                          row.agentKeyId ?? "", row.id].joined(separator: "\u{1}").lowercased()
            #expect(row.searchText == joined)
        }
        let state = BoardFixture.state(rows)
        func shown(_ text: String) -> Set<String> {
            Set(Fixture.after([.key(.char("/")), .paste(text)], from: state).board.visible.map(\.description))
        }
        #expect(shown("CAFÉ crème") == ["Café CRÈME"])
        #expect(shown("ärger σίσυφο") == ["Ärger mit ΣΊΣΥΦΟΣ"])
        #expect(shown("order agent-ana 1,250.50") == ["Plain ORDER"])
        #expect(shown("!usd").isEmpty)
    }

    @Test("s reverses the sort, S and > move to the next column, < back")
    func sort() {
        let state = BoardFixture.state(BoardFixture.rows(20))
        #expect(state.board.visible.first?.id == BoardFixture.row(0).id)  // newest first
        let reversed = Fixture.after([.key(.char("s"))], from: state)
        #expect(reversed.board.visible.first?.id == BoardFixture.row(19).id)
        let byExpiry = Fixture.after([.key(.char(">"))], from: state)
        #expect(byExpiry.board.sort.column == .expires)
        let byAmount = Fixture.after([.key(.char(">"))], from: byExpiry)
        #expect(byAmount.board.sort.column == .amount)
        let amounts = byAmount.board.visible.filter { $0.currency == "USD" }.map(\.amount)
        #expect(amounts == amounts.sorted())
        #expect(Fixture.after([.key(.char("<"))], from: byAmount).board.sort.column == .expires)
    }

    @Test("P pauses: refreshes are ignored until resumed; the runtime is told")
    func pause() {
        let state = BoardFixture.state(BoardFixture.rows(3))
        let (paused, effects) = reduce(state, .key(.char("P")))
        #expect(paused.board.paused && effects == [.boardPolling(BoardPolling(intervalSeconds: 2, paused: true))])
        let ignored = Fixture.after([.board(.refreshed(BoardRefresh(rows: [], at: Fixture.now)))], from: paused)
        #expect(ignored.board.rows.count == 3)
    }

    @Test("+ and - step the interval within 1 s ... 60 s")
    func interval() {
        let state = BoardFixture.state(BoardFixture.rows(3))
        #expect(Fixture.after(Array(repeating: .key(.char("+")), count: 9), from: state).board.intervalSeconds == 1)
        #expect(Fixture.after(Array(repeating: .key(.char("-")), count: 9), from: state).board.intervalSeconds == 60)
    }

    @Test("x asks before cancelling; yes sends the cancel; read-only refuses with a reason")
    func cancel() {
        let state = BoardFixture.state(BoardFixture.rows(3))
        let asking = Fixture.after([.key(.char("x"))], from: state)
        #expect(asking.confirm != nil)
        let (_, effects) = reduce(asking, .key(.char("y")))
        #expect(effects == [.cancel(paymentId: BoardFixture.row(0).id)])
        let readOnly = Fixture.after([.key(.char("x"))], from: BoardFixture.state(BoardFixture.rows(3), readOnly: true))
        #expect(readOnly.confirm == nil)
        #expect(readOnly.toast?.message.contains("Read-only") == true)
        #expect(reduce(readOnly, .board(.cancel(id: BoardFixture.row(0).id))).1.isEmpty)
    }

    @Test("a payment that reaches a terminal state leaves the board for recently finished at once; a live one stays")
    func left() {
        var row = BoardFixture.row(1)
        row.status = .cancelled
        let state = Fixture.after([.board(.left(row))], from: BoardFixture.state(BoardFixture.rows(3)))
        #expect(!state.board.rows.contains { $0.id == row.id })
        #expect(state.board.finished.first?.row.status == .cancelled)
        var live = BoardFixture.row(2)
        live.status = .opened
        let unchanged = BoardFixture.state(BoardFixture.rows(3))
        #expect(reduce(unchanged, .board(.left(live))).0 == unchanged)
    }

    @Test("e exports the shown rows, filtered and sorted, as RFC 4180 CSV")
    func export() throws {
        var state = BoardFixture.state(BoardFixture.rows(12))
        state = Fixture.after([.key(.char("/")), .paste("usd"), .key(.enter), .key(.char("s"))], from: state)
        let (_, effects) = reduce(state, .key(.char("e")))
        guard case .exportCSV(let export) = try #require(effects.first) else { Issue.record("no export"); return }
        let lines = export.csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == state.board.visible.count + 1)
        #expect(lines[1].hasPrefix(state.board.visible[0].id))
        #expect(lines[1].contains("\"Order 8, widgets\""))
        #expect(export.fileName == "board-20270115-080000.csv")
    }

    @Test("CSV fields with commas, quotes and line breaks are quoted, quotes doubled")
    func csvQuoting() {
        #expect(BoardCSV.field("plain") == "plain")
        #expect(BoardCSV.field("a,b") == "\"a,b\"")
        #expect(BoardCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(BoardCSV.field("two\nlines") == "\"two\nlines\"")
    }

    @Test("API.md times parse, with or without fraction and offset")
    func times() {
        #expect(RFC3339.date("2027-01-15T08:00:00Z") == Fixture.now)
        #expect(RFC3339.date("2027-01-15T08:00:00.500Z") == Fixture.now.addingTimeInterval(0.5))
        #expect(RFC3339.date("2027-01-15T09:00:00+01:00") == Fixture.now)
        #expect(RFC3339.date("yesterday") == nil)
    }

    @Test("counts by status and outstanding per currency add up the shown rows")
    func totals() {
        let state = BoardFixture.state(BoardFixture.rows(8))
        #expect(state.board.totals.countByStatus == [.pending: 5, .opened: 3])
        #expect(state.board.totals.outstanding == ["USD": 6_504, "JPY": 8_506, "KWD": 10_508, "EUR": 12_510])
        #expect(state.board.totals.countsText == "pending 5 · opened 3")
    }
}
