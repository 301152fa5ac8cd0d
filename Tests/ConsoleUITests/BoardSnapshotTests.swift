import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

/// The board as a supervisor sees it, frozen as text and roles.
@Suite("Board snapshots")
struct BoardSnapshotTests {
    @Test("before the first refresh, and with nothing pending")
    func empty() {
        var loading = Fixture.state()
        loading = Fixture.after([.switchScreen(.board)], from: loading)
        assertSnapshot(render(loading, size: loading.size), "board-loading-80x24")
        assertSnapshot(render(BoardFixture.state([]), size: Size(rows: 24, cols: 80)), "board-empty-80x24")
    }

    @Test("three rows at each size", arguments: Fixture.sizes)
    func threeRows(size: Size) {
        let state = BoardFixture.state(BoardFixture.rows(3), size: size)
        assertSnapshot(render(state, size: size), "board-3-\(size.cols)x\(size.rows)")
    }

    @Test("10,000 rows scrolled to the middle")
    func tenThousand() {
        let size = Size(rows: 40, cols: 120)
        let state = Fixture.after([.board(.move(5_000))], from: BoardFixture.state(BoardFixture.rows(10_000), size: size))
        assertSnapshot(render(state, size: size), "board-10000-middle-120x40")
    }

    @Test("filtered, with the filter still being typed")
    func filtered() {
        let state = Fixture.after([.key(.char("/")), .paste("jpy !ana")], from: BoardFixture.state(BoardFixture.rows(40)))
        assertSnapshot(render(state, size: state.size), "board-filtered-80x24")
    }

    @Test("paused: the banner cannot be missed")
    func paused() {
        let state = Fixture.after([.key(.char("P"))], from: BoardFixture.state(BoardFixture.rows(40)))
        assertSnapshot(render(state, size: state.size), "board-paused-80x24")
    }

    @Test("read-only says so")
    func readOnly() {
        let state = BoardFixture.state(BoardFixture.rows(5), readOnly: true)
        assertSnapshot(render(state, size: state.size), "board-readonly-80x24")
    }

    @Test("a changed row, recently finished payments and the detail overlay")
    func changesAndDetail() {
        let size = Size(rows: 40, cols: 120)
        var rows = BoardFixture.rows(12)
        var paid = rows.removeFirst()
        paid.status = .paid
        rows[0].status = .opened
        let state = Fixture.after([.board(.refreshed(BoardRefresh(rows: rows, finished: [paid], at: Fixture.now)))],
                                  from: BoardFixture.state(BoardFixture.rows(12), size: size))
        assertSnapshot(render(state, size: size), "board-changed-120x40")
        let detail = Fixture.after([.key(.enter)], from: state)
        assertSnapshot(render(detail, size: size), "board-detail-120x40")
    }
}
