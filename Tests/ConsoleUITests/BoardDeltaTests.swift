import ConsoleUI
import Foundation
import PaymentCore
import PropertyBased
import Screen
import Testing

/// A refresh that brings a delta (the rows that changed, left and arrived) is applied without
/// filtering and sorting every row again: the board it gives must be the one a full recompute
/// of the same rows gives, whatever the filter, the sort and the selection.
@Suite("Board refreshes with a delta")
struct BoardDeltaTests {
    /// One change between two refreshes: a row's status flips, a row leaves, or one arrives.
    enum Change: Hashable, Sendable {
        case flip(Int)
        case leave(Int)
        case arrive(Int)
    }

    static let filters = ["", "jpy", "!ana", "opened", "order 1", "zzz-no-match"]

    /// A payment new to the board: some newer than every fixture row, some older.
    static func arrival(_ i: Int) -> BoardRow {
        BoardRow(id: String(format: "00000000-0000-4000-9000-%012d", i), status: i % 4 == 1 ? .opened : .pending,
                 amount: Int64(900 + i * 7), currency: BoardFixture.currencies[i % BoardFixture.currencies.count],
                 description: "Order \(i), new", conversationId: "c0ffee00-0000-4000-8000-000000000001",
                 agentKeyId: i % 2 == 0 ? "agent-ana" : nil,
                 createdAt: Fixture.now.addingTimeInterval(Double(i % 300) * 20 - 3_000),
                 updatedAt: Fixture.now.addingTimeInterval(-1))
    }

    /// The same board twice: refreshed at version 2 with the delta, and with the rows alone.
    static func boards(count: Int, changes: [Change], filter: String, sortSteps: Int, descending: Bool,
                       selection: Int) -> (delta: AppState, full: AppState) {
        let size = Size(rows: 24, cols: 120)
        let rows = BoardFixture.rows(count)
        var state = Fixture.after([.switchScreen(.board), .board(.refreshed(BoardRefresh(rows: rows, at: Fixture.now, version: 1)))],
                                  from: Fixture.state(size))
        var setup: [Action] = Array(repeating: .board(.sortNext), count: sortSteps)
        if descending { setup.append(.board(.reverseSort)) }
        if !filter.isEmpty { setup += [.key(.char("/")), .paste(filter), .board(.endFilter(keep: true))] }
        setup.append(.board(.move(selection)))
        state = Fixture.after(setup, from: state)

        var current = rows
        var removed: [BoardRow] = [], added: [BoardRow] = []
        var touched = Set<String>()
        for change in changes {
            switch change {
            case .flip(let i), .leave(let i):
                guard !current.isEmpty else { continue }
                let index = i % current.count
                let old = current[index]
                guard touched.insert(old.id).inserted else { continue }
                removed.append(old)
                current.remove(at: index)
                if case .flip = change {
                    var new = old
                    new.status = old.status == .pending ? .opened : .pending
                    new.updatedAt = Fixture.now
                    added.append(new)
                    current.insert(new, at: index)
                }
            case .arrive(let i):
                let new = Self.arrival(i)
                guard touched.insert(new.id).inserted else { continue }
                added.append(new)
                current.insert(new, at: 0)
            }
        }
        let at = Fixture.now.addingTimeInterval(2)
        let withDelta = BoardRefresh(rows: current, at: at, version: 2, delta: BoardDelta(base: 1, removed: removed, added: added))
        let alone = BoardRefresh(rows: current, at: at, version: 2)
        return (Fixture.after([.board(.refreshed(withDelta))], from: state), Fixture.after([.board(.refreshed(alone))], from: state))
    }

    @Test("k rows that change status, leave or arrive: the same visible order, totals, highlights and selection as a full recompute")
    func deltaMatchesFullRecompute() async {
        let change = zip(Gen.int(in: 0...2), Gen.int(in: 0...500)).map { kind, i -> Change in
            kind == 0 ? .flip(i) : kind == 1 ? .leave(i) : .arrive(i)
        }
        await propertyCheck(count: 150, input: Gen.int(in: 0...60), change.array(of: 0...12), Gen.int(in: 0...(Self.filters.count - 1)),
                            Gen.int(in: 0...8), Gen.bool(), Gen.int(in: 0...70)) { count, changes, filter, sortSteps, descending, selection in
            let (delta, full) = Self.boards(count: count, changes: changes, filter: Self.filters[filter], sortSteps: sortSteps,
                                            descending: descending, selection: selection)
            #expect(delta.board.visible.map(\.id) == full.board.visible.map(\.id))
            #expect(delta.board.totals == full.board.totals)
            #expect(delta.board.selected?.id == full.board.selected?.id)
            #expect(delta.board == full.board)
        }
    }

    @Test("the selected payment stays selected when rows arrive above it, and a delta from another version is not applied")
    func selectionAndVersions() {
        let (delta, full) = Self.boards(count: 30, changes: [.arrive(290), .arrive(295), .leave(20)], filter: "", sortSteps: 0,
                                        descending: false, selection: 5)
        #expect(delta.board.selected?.id == BoardFixture.row(5).id && delta.board.table.selection == 7)
        #expect(delta.board == full.board)

        // A delta made from version 7 says nothing about version 2's rows: the rows are used whole.
        let rows = BoardFixture.rows(3)
        let stale = BoardRefresh(rows: rows, at: Fixture.now, version: 8,
                                 delta: BoardDelta(base: 7, removed: [], added: []))
        let after = Fixture.after([.board(.refreshed(stale))], from: delta)
        #expect(after.board.visible.map(\.id) == rows.map(\.id) && after.board.totals == BoardTotals(rows))
    }
}
