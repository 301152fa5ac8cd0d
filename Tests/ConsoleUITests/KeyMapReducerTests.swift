import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

/// Every binding of every key map, pressed in the state where that map is live: the key
/// must dispatch to its action, and the action must do what the expectation table says.
/// A binding added without an expectation here fails `everyBindingHasAnExpectation`.
@Suite("Key maps drive the reducer")
struct KeyMapReducerTests {
    typealias Check = @Sendable (_ before: AppState, _ after: AppState, _ effects: [Effect]) -> Bool

    /// A state where `map` is the live one.
    static func context(for map: String) -> AppState {
        let base = Fixture.after([.payments(.loaded(Fixture.payments(60))), .payments(.move(30))], from: Fixture.state())
        switch map {
        case "Help":
            let small = Fixture.after([.resize(Size(rows: 12, cols: 40))], from: base)
            return Fixture.after([.toggleHelp, .scrollHelp(3)], from: small)
        case "Command prompt":
            return Fixture.after([.openPrompt, .paste("payments"), .prompt(.submit), .openPrompt, .paste("theme no")], from: base)
        case "Board", "Board filter", "Payment detail":
            var board = Fixture.after([.switchScreen(.board), .board(.refreshed(BoardRefresh(rows: BoardFixture.rows(60), at: Fixture.now))),
                                       .board(.editFilter), .paste("order"), .board(.endFilter(keep: true)), .board(.move(30))], from: base)
            if map == "Board filter" { board = Fixture.after([.board(.editFilter)], from: board) }
            if map == "Payment detail" { board = Fixture.after([.board(.openDetail)], from: board) }
            return board
        case "Handshake": return Fixture.handshake(upTo: .clientReads, stepping: true, revealed: 2, from: base)
        case "Confirm": return Fixture.after([.askConfirm(ConfirmDialog(title: "Quit", message: "Leave?", onConfirm: .quit))], from: base)
        case "Compose":
            // On the second of three line items, first cell.
            return Fixture.after([.openDraft(Fixture.draft(), recovered: false), .compose(.next), .compose(.next),
                                  .compose(.next), .compose(.down)], from: base)
        case "Preview":
            return Fixture.after([.openDraft(Fixture.draft(), recovered: false), .compose(.preview)], from: base)
        case "Payment":
            return Fixture.after([.paymentsLoaded([Fixture.message()]), .openPayment(Fixture.message().id),
                                  .detail(.scroll(2))], from: base)
        default:
            // A screen's map is live on that screen.
            let screen = ScreenID.allCases.first { AppState.keyMap(for: $0).title == map } ?? .payments
            return Fixture.after([.switchScreen(screen)], from: base)
        }
    }

    /// What each binding must do, by map title and key label.
    static let expectations: [String: [String: Check]] = [
        "Everywhere": [
            "?": { _, a, _ in a.showingHelp },
            "F1": { _, a, _ in a.showingHelp },
            ":": { _, a, _ in a.prompt != nil },
            "F3": { _, a, _ in a.screen == .payments },
            "n": { _, _, e in e.count == 1 && { if case .startDraft = e[0] { true } else { false } }() },
            "F2": { _, _, e in e.count == 1 && { if case .startDraft = e[0] { true } else { false } }() },
            "p": { _, a, _ in a.screen == .payments },
            "F4": { _, a, _ in a.screen == .board },
            "b": { _, a, _ in a.screen == .board },
            "^L": { _, _, e in e == [.redraw] },
            "q": { _, _, e in e == [.quit] },
            "F5": { _, a, _ in a.screen == .handshake },
            "h": { _, a, _ in a.screen == .handshake },
        ],
        "Handshake": [
            "n": { _, a, e in e == [.createDemoPayment] && a.handshake.creating && a.handshake.records.isEmpty },
            "Enter": { _, a, e in e == [.createDemoPayment] && a.handshake.creating && a.handshake.records.isEmpty },
            "Space": { b, a, _ in a.handshake.revealed == b.handshake.revealed + 1 && a.handshake.isShown(.clientReads) },
            "s": { _, a, _ in !a.handshake.stepping && a.handshake.isShown(.clientReads) },
            "↓": { _, a, _ in a.handshake.paneStep == .clientReads },
            "j": { _, a, _ in a.handshake.paneStep == .clientReads },
            "↑": { _, a, _ in a.handshake.paneStep == .paymentMessage },
            "k": { _, a, _ in a.handshake.paneStep == .paymentMessage },
        ],
        "Compose": [
            "Tab": { _, a, _ in a.compose?.focus == .lineItems && a.compose?.lineItems.column == 1 },
            "S-Tab": { _, a, _ in a.compose?.focus == .amount },
            "↓": { _, a, _ in a.compose?.lineItems.row == 2 },
            "↑": { _, a, _ in a.compose?.lineItems.row == 0 },
            "Enter": { _, a, _ in a.compose?.lineItems.column == 1 },
            "^N": { _, a, e in a.compose?.lineItems.rows.count == 4 && a.compose?.lineItems.row == 2 && e.count == 1 },
            "^X": { _, a, e in a.compose?.lineItems.texts.map { $0[0] } == ["Widget", "Shipping"] && e.count == 1 },
            "M-↑": { _, a, _ in a.compose?.lineItems.texts.map { $0[0] } == ["Gadget", "Widget", "Shipping"] && a.compose?.lineItems.row == 0 },
            "M-k": { _, a, _ in a.compose?.lineItems.texts.map { $0[0] } == ["Gadget", "Widget", "Shipping"] },
            "M-↓": { _, a, _ in a.compose?.lineItems.texts.map { $0[0] } == ["Widget", "Shipping", "Gadget"] && a.compose?.lineItems.row == 2 },
            "M-j": { _, a, _ in a.compose?.lineItems.texts.map { $0[0] } == ["Widget", "Shipping", "Gadget"] },
            "^S": { _, a, _ in a.screen == .preview },
            "Esc": { _, a, e in a.screen == .payments && a.compose != nil && e.isEmpty },
        ],
        "Preview": [
            "Enter": { _, a, e in a.compose?.sending == true && e == [.send(Fixture.draft())] },
            "Esc": { _, a, e in a.screen == .compose && e.isEmpty },
        ],
        "Payment": [
            "Esc": { _, a, _ in a.screen == .payments },
            "x": { _, a, _ in a.confirm?.onConfirm == .detail(.cancelConfirmed) },
            "l": { _, _, e in e == [.resendLink(paymentId: Fixture.message().id)] },
            "r": { _, _, e in e.count == 1 && { if case .startDraft(let d) = e[0] { d.description == "Deposit for order 1042" && d.lineItems.count == 2 } else { false } }() },
            "y": { _, _, e in e == [.copy("http://127.0.0.1:8765/p/Xk3d9QaB")] },
            "Y": { _, _, e in e == [.copy("http://127.0.0.1:9000/pay?token=eyJ&key=k-1042")] },
            "↓": { b, a, _ in a.detail.scroll == b.detail.scroll + 1 },
            "j": { b, a, _ in a.detail.scroll == b.detail.scroll + 1 },
            "↑": { b, a, _ in a.detail.scroll == b.detail.scroll - 1 },
            "k": { b, a, _ in a.detail.scroll == b.detail.scroll - 1 },
        ],
        "Payments": [
            "Enter": { b, a, _ in a.screen == .detail && a.detail.paymentId == b.payments.selectedID },
            "↓": { b, a, _ in a.payments.table.selection == b.payments.table.selection + 1 },
            "j": { b, a, _ in a.payments.table.selection == b.payments.table.selection + 1 },
            "↑": { b, a, _ in a.payments.table.selection == b.payments.table.selection - 1 },
            "k": { b, a, _ in a.payments.table.selection == b.payments.table.selection - 1 },
            "PgDn": { b, a, _ in a.payments.table.selection > b.payments.table.selection + 1 },
            "PgUp": { b, a, _ in a.payments.table.selection < b.payments.table.selection - 1 },
            "Home": { _, a, _ in a.payments.table.selection == 0 },
            "g": { _, a, _ in a.payments.table.selection == 0 },
            "End": { _, a, _ in a.payments.table.selection == 59 },
            "G": { _, a, _ in a.payments.table.selection == 59 },
        ],
        "Board": [
            "↓": { b, a, _ in a.board.table.selection == b.board.table.selection + 1 },
            "j": { b, a, _ in a.board.table.selection == b.board.table.selection + 1 },
            "↑": { b, a, _ in a.board.table.selection == b.board.table.selection - 1 },
            "k": { b, a, _ in a.board.table.selection == b.board.table.selection - 1 },
            "PgDn": { b, a, _ in a.board.table.selection > b.board.table.selection + 1 },
            "PgUp": { b, a, _ in a.board.table.selection < b.board.table.selection - 1 },
            "Home": { _, a, _ in a.board.table.selection == 0 },
            "g": { _, a, _ in a.board.table.selection == 0 },
            "End": { b, a, _ in a.board.table.selection == b.board.visible.count - 1 },
            "G": { b, a, _ in a.board.table.selection == b.board.visible.count - 1 },
            "/": { _, a, _ in a.board.editingFilter },
            "Esc": { b, a, _ in a.board.filterField.text.isEmpty && a.board.visible.count > b.board.visible.count },
            "s": { b, a, _ in a.board.sort.descending != b.board.sort.descending && a.board.selected == b.board.selected },
            "S": { b, a, _ in a.board.sort.column != b.board.sort.column && a.board.selected == b.board.selected },
            ">": { _, a, _ in a.board.sort.column == .expires },
            "<": { _, a, _ in a.board.sort.column == .status },
            "P": { _, a, e in a.board.paused && e == [.boardPolling(a.board.polling)] },
            "+": { b, a, e in a.board.intervalSeconds < b.board.intervalSeconds && e == [.boardPolling(a.board.polling)] },
            "-": { b, a, e in a.board.intervalSeconds > b.board.intervalSeconds && e == [.boardPolling(a.board.polling)] },
            "R": { b, a, e in a == b && e == [.refreshBoard] },
            "Enter": { b, a, _ in a.board.detail == b.board.selected && a.board.detail != nil },
            "x": { b, a, _ in a.confirm?.onConfirm == .board(.cancel(id: b.board.selected?.id ?? "")) },
            "l": { b, _, e in e == [.resendLink(paymentId: b.board.selected?.id ?? "")] },
            "e": { b, a, e in e == [.exportCSV(BoardExport(csv: BoardCSV.csv(b.board.visible), fileName: BoardCSV.fileName(at: b.now), rowCount: 48))] },
        ],
        "Board filter": [
            "Enter": { b, a, _ in !a.board.editingFilter && a.board.filterField == b.board.filterField },
            "Esc": { _, a, _ in !a.board.editingFilter && a.board.filterField.text.isEmpty && a.board.visible.count == 60 },
            "F1": { _, a, _ in a.showingHelp && a.board.editingFilter },
        ],
        "Payment detail": [
            "Esc": { _, a, _ in a.board.detail == nil },
            "Enter": { _, a, _ in a.board.detail == nil },
            "x": { b, a, _ in a.confirm?.onConfirm == .board(.cancel(id: b.board.detail?.id ?? "")) },
            "l": { b, _, e in e == [.resendLink(paymentId: b.board.detail?.id ?? "")] },
            "F1": { _, a, _ in a.showingHelp && a.board.detail != nil },
        ],
        "Help": [
            "Esc": { _, a, _ in !a.showingHelp },
            "?": { _, a, _ in !a.showingHelp },
            "q": { _, a, e in !a.showingHelp && e.isEmpty },
            "↓": { b, a, _ in a.helpScroll == b.helpScroll + 1 },
            "j": { b, a, _ in a.helpScroll == b.helpScroll + 1 },
            "↑": { b, a, _ in a.helpScroll == b.helpScroll - 1 },
            "k": { b, a, _ in a.helpScroll == b.helpScroll - 1 },
            "PgDn": { b, a, _ in a.helpScroll > b.helpScroll },
            "PgUp": { _, a, _ in a.helpScroll == 0 },
        ],
        "Command prompt": [
            "Enter": { _, a, e in a.prompt == nil && e == [.loadTheme("no")] && a.commandHistory.last == "theme no" },
            "Esc": { _, a, e in a.prompt == nil && e.isEmpty },
            "Tab": { _, a, _ in a.prompt?.field.text == "theme nord" },
            "↑": { _, a, _ in a.prompt?.field.text == "payments" },
            "^P": { _, a, _ in a.prompt?.field.text == "payments" },
            "↓": { b, a, _ in a == b },
            "^N": { b, a, _ in a == b },
        ],
        "Confirm": [
            "y": { _, a, e in a.confirm == nil && e == [.quit] },
            "Enter": { _, a, e in a.confirm == nil && e == [.quit] },
            "n": { _, a, e in a.confirm == nil && e.isEmpty },
            "Esc": { _, a, e in a.confirm == nil && e.isEmpty },
        ],
    ]

    static let maps: [KeyMap<Action>] = [
        GlobalKeyMap.keyMap, PaymentsKeyMap.keyMap, HelpOverlay.keyMap, CommandPrompt.keyMap, ConfirmDialog.keyMap,
        BoardKeyMap.filterKeyMap, BoardKeyMap.detailKeyMap,
    ] + ScreenID.allCases.map { AppState.keyMap(for: $0) }

    @Test("every binding of every key map has an expectation")
    func everyBindingHasAnExpectation() {
        for map in Self.maps {
            for binding in map.bindings {
                #expect(Self.expectations[map.title]?[binding.key.description] != nil,
                        "\(map.title): \(binding.key) (\(binding.description)) has no reducer test; add one to KeyMapReducerTests.expectations")
            }
        }
    }

    @Test("a key map never binds one key twice")
    func noDuplicateKeys() {
        for map in Self.maps {
            #expect(Set(map.bindings.map(\.key)).count == map.bindings.count, "\(map.title) binds a key twice")
        }
        #expect(Set(TextField.keyMap.bindings.map(\.key)).count == TextField.keyMap.bindings.count)
    }

    @Test("each binding dispatches to its action and does what it says",
          arguments: maps.flatMap { map in map.bindings.map { (map.title, $0) } })
    func binding(mapTitle: String, binding: KeyBinding<Action>) throws {
        let before = Self.context(for: mapTitle)
        let (byKey, keyEffects) = reduce(before, .key(binding.key))
        let (byAction, actionEffects) = reduce(before, binding.command)
        #expect(byKey == byAction && keyEffects == actionEffects, "\(binding.key) does not dispatch to \(binding.command) in \(mapTitle)")
        let check = try #require(Self.expectations[mapTitle]?[binding.key.description])
        #expect(check(before, byKey, keyEffects), "\(mapTitle): \(binding.key) (\(binding.description)) did not do its job")
    }

    @Test("every text-field key edits the prompt", arguments: TextField.keyMap.bindings)
    func textFieldBinding(binding: KeyBinding<TextEdit>) {
        let before = Fixture.after([.openPrompt, .paste("pay ments"), .prompt(.edit(.left)), .prompt(.edit(.left))], from: Fixture.state())
        let (after, _) = reduce(before, .key(binding.key))
        let expected = before.prompt?.field.applying(binding.command)
        #expect(after.prompt?.field == expected)
        #expect(expected != before.prompt?.field, "\(binding.key) (\(binding.description)) changed nothing")
    }

    @Test("typed characters go into the prompt, not to the screen's keys")
    func typingInPrompt() {
        let state = Fixture.after([.openPrompt, .key(.char("q")), .key(.char("?"))], from: Fixture.state())
        #expect(state.prompt?.field.text == "q?")
        #expect(!state.showingHelp)
    }

    @Test("while a dialog shows, other keys do nothing")
    func modalSwallowsKeys() {
        let state = KeyMapReducerTests.context(for: "Confirm")
        let (after, effects) = reduce(state, .key(.char("q")))
        #expect(after == state && effects.isEmpty)
    }
}
