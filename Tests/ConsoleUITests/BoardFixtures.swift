import ConsoleUI
import Foundation
import PaymentCore

/// Board rows and states for tests, on the fixed clock of `Fixture`.
enum BoardFixture {
    static let currencies = ["USD", "JPY", "KWD", "EUR"]

    static func rows(_ count: Int) -> [BoardRow] {
        (0..<count).map(row)
    }

    static func row(_ i: Int) -> BoardRow {
        BoardRow(id: String(format: "00000000-0000-4000-8000-%012d", i),
                 status: i % 3 == 1 ? .opened : .pending,
                 amount: Int64(1_250 + i * 1_001), currency: currencies[i % currencies.count],
                 description: i % 5 == 4 ? "注文 \(i): 日本のウィジェット 🎁" : "Order \(i), widgets",
                 conversationId: String(format: "c0ffee00-0000-4000-8000-%012d", i % 7),
                 agentKeyId: i % 2 == 0 ? "agent-ana" : "agent-bo",
                 createdAt: Fixture.now.addingTimeInterval(Double(-i * 37 - 5)),
                 updatedAt: Fixture.now.addingTimeInterval(Double(-i * 11 - 2)))
    }

    /// On the board with `rows` loaded.
    static func state(_ rows: [BoardRow], size: Size = Size(rows: 24, cols: 80), readOnly: Bool = false) -> AppState {
        var state = Fixture.state(size)
        state.board.readOnly = readOnly
        return Fixture.after([.switchScreen(.board), .board(.refreshed(BoardRefresh(rows: rows, at: Fixture.now)))], from: state)
    }
}

import Screen
