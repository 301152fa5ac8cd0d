import ConsoleUI
import Foundation
import Screen
import Testing

/// `render(state, size)` as text and roles, at 80x24, 120x40 and 40x12, against stored snapshots.
@Suite("Render snapshots")
struct RenderSnapshotTests {
    static let sizeArguments = Fixture.sizes

    static func name(_ what: String, _ size: Size) -> String { "\(what)-\(size.cols)x\(size.rows)" }

    @Test("empty payments shell", arguments: sizeArguments)
    func shell(size: Size) {
        assertSnapshot(render(Fixture.state(size), size: size), Self.name("shell", size))
    }

    @Test("help overlay", arguments: sizeArguments)
    func help(size: Size) {
        let state = Fixture.after([.key(.char("?"))], from: Fixture.state(size))
        assertSnapshot(render(state, size: size), Self.name("help", size))
    }

    @Test("help overlay scrolled", arguments: sizeArguments)
    func helpScrolled(size: Size) {
        let state = Fixture.after([.key(.char("?")), .key(.pageDown)], from: Fixture.state(size))
        assertSnapshot(render(state, size: size), Self.name("help-scrolled", size))
    }

    @Test("command prompt with text and cursor", arguments: sizeArguments)
    func prompt(size: Size) {
        let keys: [KeyEvent] = [.char(":"), .char("t"), .char("h"), .char("e"), .char("m"), .char("e"), .char(" "), .char("n"), .left]
        let state = Fixture.after(keys.map { .key($0) }, from: Fixture.state(size))
        assertSnapshot(render(state, size: size), Self.name("prompt", size))
    }

    @Test("prompt completion candidates", arguments: sizeArguments)
    func promptCandidates(size: Size) {
        let typed = Fixture.after([.key(.char(":")), .paste("theme "), .key(.tab)], from: Fixture.state(size))
        #expect(typed.prompt?.candidates.count == 6)
        assertSnapshot(render(typed, size: size), Self.name("prompt-candidates", size))
    }

    @Test("payments table, scrolled with a selection", arguments: sizeArguments)
    func table(size: Size) {
        let state = Fixture.after([.payments(.loaded(Fixture.payments(60))), .payments(.move(25))], from: Fixture.state(size))
        assertSnapshot(render(state, size: size), Self.name("table", size))
    }

    @Test("confirm dialog", arguments: sizeArguments)
    func confirm(size: Size) {
        let dialog = ConfirmDialog(title: "Cancel payment", message: "Withdraw the payment of USD 125.50 for order 1042? The customer's link stops working.", onConfirm: .quit)
        let state = Fixture.after([.askConfirm(dialog)], from: Fixture.state(size))
        assertSnapshot(render(state, size: size), Self.name("confirm", size))
    }

    @Test("toasts of each level", arguments: sizeArguments)
    func toast(size: Size) {
        let info = Fixture.after([.showToast(Toast("Theme nord."))], from: Fixture.state(size))
        assertSnapshot(render(info, size: size), Self.name("toast-info", size))
        let error = Fixture.after([.run("frobnicate")], from: Fixture.state(size))
        assertSnapshot(render(error, size: size), Self.name("toast-error", size))
    }

    @Test("status line: live, connected, polled 75 s ago", arguments: sizeArguments)
    func statusLive(size: Size) {
        var state = Fixture.state(size)
        state.status = StatusInfo(mode: .live, site: "acme.goquiq.com", health: Health(started: true))
        state = Fixture.after([.health(.heartbeat, .ok(at: Fixture.now.addingTimeInterval(-75)))], from: state)
        assertSnapshot(render(state, size: size), Self.name("status-live", size))
    }

    @Test("too small for the console", arguments: [Size(rows: 11, cols: 80), Size(rows: 24, cols: 39), Size(rows: 5, cols: 20), Size(rows: 0, cols: 0)])
    func tooSmall(size: Size) {
        let frame = render(Fixture.state(size), size: size)
        assertSnapshot(frame, Self.name("too-small", size))
        if size.rows > 0 { #expect(frame.text(row: 0).hasPrefix("T")) }
    }

    @Test("a text field scrolls sideways to keep the cursor, wide characters whole")
    func textField() {
        var frame = Frame(size: Size(rows: 3, cols: 12))
        let field = TextField("日本語のテキスト and more")
        frame.cursor = field.render(into: &frame, row: 1, col: 1, width: 10)
        assertSnapshot(frame, "textfield-end")
        var start = Frame(size: Size(rows: 3, cols: 12))
        let atStart = field.applying(.home).applying(.right)
        start.cursor = atStart.render(into: &start, row: 1, col: 1, width: 10)
        assertSnapshot(start, "textfield-start")
    }

    @Test("a snapshot fails when the render changes")
    func snapshotDetectsChange() {
        let base = render(Fixture.state(), size: Size(rows: 24, cols: 80))
        var changed = base
        changed[5, 5] = Cell("x", role: .text)
        #expect(base.snapshot() != changed.snapshot())
        var recoloured = base
        recoloured.paint(row: 5, col: 5, count: 1, role: .error)
        #expect(base.snapshot() != recoloured.snapshot())
    }
}
