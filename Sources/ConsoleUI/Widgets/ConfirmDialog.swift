import Screen

/// A modal yes/no question that runs `onConfirm` on yes; nothing else reacts while it shows.
public struct ConfirmDialog: Hashable, Sendable {
    public var title: String
    public var message: String
    public var onConfirm: Action

    public init(title: String, message: String, onConfirm: Action) {
        self.title = title
        self.message = message
        self.onConfirm = onConfirm
    }

    /// Keys of the dialog: the only keys live while it shows.
    public static let keyMap = KeyMap<Action>("Confirm", [
        KeyBinding(.char("y"), .answerConfirm(true), "yes", bar: true),
        KeyBinding(.enter, .answerConfirm(true), "yes"),
        KeyBinding(.char("n"), .answerConfirm(false), "no", bar: true),
        KeyBinding(.escape, .answerConfirm(false), "no"),
    ])

    /// Draws the dialog centred in `area`.
    public func render(into frame: inout Frame, area: Rect) {
        let lines = wrap(message, width: max(10, min(area.cols - 6, 56)))
        let width = min(area.cols, max(lines.map(\.columns).max() ?? 0, title.columns + 4, 24) + 4)
        let box = area.centred(rows: lines.count + 4, cols: width)
        frame.fill(box, role: .text)
        frame.box(box, title: title)
        for (i, line) in lines.enumerated() {
            frame.write(line, row: box.row + 1 + i, col: box.col + 2, role: .text, limit: box.cols - 4)
        }
        let buttons = "[y] yes   [n] no"
        frame.write(buttons, row: box.row + box.rows - 2, col: box.col + (box.cols - buttons.count) / 2, role: .accent, limit: box.cols - 2)
    }
}
