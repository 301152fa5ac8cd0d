import Foundation
import PaymentCore
import Screen

/// What the template picker's keys do.
public enum TemplatePickerCommand: Hashable, Sendable {
    /// `n` (with templates in the catalogue) or `:template` with no name.
    case open
    case filter(TextEdit)
    case move(Int)
    /// Enter: a blank draft, or Compose pre-filled from the chosen template.
    case choose
    case close
}

/// The modal list `n` opens when the catalogue has templates: a blank draft first, then every
/// template whose name or description holds the filter typed.
public struct TemplatePicker: Hashable, Sendable {
    public var filter = TextField()
    public var selected = 0

    public init() {}

    /// One row of the list.
    public enum Choice: Hashable, Sendable {
        case blank
        case template(DraftTemplate)
    }

    /// The rows for the filter: the blank draft (unless the filter leaves it out), then templates.
    public func choices(in catalog: ProductCatalog) -> [Choice] {
        let needle = ProductCatalog.folded(filter.text)
        let templates = catalog.templates.filter {
            needle.isEmpty || ProductCatalog.folded($0.name).contains(needle) || ProductCatalog.folded($0.description).contains(needle)
        }
        let blank = needle.isEmpty || "blank draft".contains(needle)
        return (blank ? [.blank] : []) + templates.map(Choice.template)
    }

    /// The picker's own keys; other keys edit the filter (`TextField.keyMap`) or type into it.
    public static let keyMap = KeyMap<Action>("New payment", [
        KeyBinding(.enter, .templatePicker(.choose), "start the draft", bar: true),
        KeyBinding(.down, .templatePicker(.move(1)), "next", bar: true),
        KeyBinding(.up, .templatePicker(.move(-1)), "previous"),
        KeyBinding(.escape, .templatePicker(.close), "close", bar: true),
    ])

    /// Draws the picker centred in `area`; returns where the filter's cursor is.
    func render(into frame: inout Frame, area: Rect, catalog: ProductCatalog, currency: Currency) -> Position {
        let choices = choices(in: catalog)
        let lines = choices.map { choice -> String in
            switch choice {
            case .blank: "Blank draft"
            case .template(let template): template.summary(currency: currency, catalog: catalog)
            }
        }
        let width = min(area.cols, max(36, (lines.map(\.columns).max() ?? 0) + 6))
        let visible = max(1, min(choices.count, area.rows - 5))
        let box = area.centred(rows: max(1, choices.count == 0 ? 1 : visible) + 4, cols: width)
        frame.fill(box, role: .text)
        frame.box(box, title: "New payment")
        frame.write("Filter:", row: box.row + 1, col: box.col + 2, role: .muted)
        let cursor = filter.render(into: &frame, row: box.row + 1, col: box.col + 10, width: max(4, box.cols - 12))
        if choices.isEmpty {
            frame.write("No template matches: Esc closes, Backspace widens.", row: box.row + 3, col: box.col + 2, role: .muted, limit: box.cols - 4)
            return cursor
        }
        let chosen = min(selected, choices.count - 1)
        let first = max(0, min(chosen - visible + 1, choices.count - visible))
        for (offset, index) in (first..<(first + visible)).enumerated() {
            let row = box.row + 3 + offset
            let isChosen = index == chosen
            if isChosen { frame.fill(Rect(row: row, col: box.col + 1, rows: 1, cols: box.cols - 2), role: .selection) }
            frame.write((isChosen ? "› " : "  ") + lines[index], row: row, col: box.col + 2,
                        role: isChosen ? .selection : .text, limit: box.cols - 4)
        }
        return cursor
    }
}
