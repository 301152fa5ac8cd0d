import ConsoleUI
import Screen
import Testing

@Suite("Widgets and frames")
struct WidgetTests {
    @Test("text field edits by grapheme, including combining marks and emoji")
    func textFieldGraphemes() {
        var field = TextField("e\u{301}👍🏽日")
        #expect(field.characters.count == 3)
        field = field.applying(.backspace).applying(.left).applying(.insert("x"))
        #expect(field.text == "e\u{301}x👍🏽")
        #expect(field.cursor == 2)
        #expect(field.applying(.deleteToEnd).text == "e\u{301}x")
        #expect(field.applying(.deleteToStart).text == "👍🏽")
        #expect(TextField("one two  three").applying(.deleteWordBackward).text == "one two  ")
    }

    @Test("table selection clamps and scrolls by the smallest step")
    func tableScroll() {
        var table = TableView(rowCount: 100)
        table = table.moved(by: 15, visibleRows: 10)
        #expect(table.selection == 15 && table.offset == 6)
        table = table.moved(by: -10, visibleRows: 10)
        #expect(table.selection == 5 && table.offset == 5)
        table = table.moved(by: 1_000, visibleRows: 10)
        #expect(table.selection == 99 && table.offset == 90)
        #expect(TableView(rowCount: 0).moved(by: 3, visibleRows: 10).selection == 0)
    }

    @Test("a table asks only for the rows it shows")
    func tableRendersVisibleRowsOnly() {
        let table = TableView(rowCount: 10_000).moved(by: 5_000, visibleRows: 9)
        var frame = Frame(size: Size(rows: 10, cols: 40))
        var asked = Set<Int>()
        table.render(into: &frame, rect: Rect(row: 0, col: 0, rows: 10, cols: 40), columns: [TableColumn("N", .flexible(minimum: 5))]) { row, _ in
            asked.insert(row)
            return ("row \(row)", .text)
        }
        #expect(asked == Set(4_992...5_000))
        #expect(frame.text(row: 9).hasPrefix("row 5000"))
        #expect(frame[9, 0].role == .selection)
    }

    @Test("wide characters take two cells and writes never leave half of one")
    func wideCharacters() {
        var frame = Frame(size: Size(rows: 1, cols: 8))
        #expect(frame.write("a日本🎁", row: 0, col: 0, role: .text) == 7)
        #expect(frame[0, 1].width == 2 && frame[0, 2].isContinuation)
        #expect(frame.text(row: 0) == "a日本🎁 ")
        frame.write("x", row: 0, col: 2, role: .text)  // onto the right half of 日
        #expect(frame.text(row: 0) == "a x本🎁 ")
        frame.write("y", row: 0, col: 3, role: .text)  // onto the left half of 本
        #expect(frame.text(row: 0) == "a xy 🎁 ")
        var edge = Frame(size: Size(rows: 1, cols: 3))
        edge.write("ab日", row: 0, col: 0, role: .text)  // no room for the second half
        #expect(edge.text(row: 0) == "ab ")
    }

    @Test("character widths match wcwidth for the usual cases")
    func widths() {
        #expect(Character("a").columns == 1)
        #expect(Character("é").columns == 1)
        #expect(Character("日").columns == 2)
        #expect(Character("한").columns == 2)
        #expect(Character("😀").columns == 2)
        #expect(Character("Ａ").columns == 2)
        #expect(Character("\u{301}").columns == 0)
        #expect("ab日本".columns == 6)
    }

    @Test("control characters show as ? instead of moving the cursor")
    func controlCharacters() {
        var frame = Frame(size: Size(rows: 1, cols: 4))
        frame.write("a\u{1B}b", row: 0, col: 0, role: .text)
        #expect(frame.text(row: 0) == "a?b ")
    }

    @Test("key labels are what help and the key bar print")
    func keyLabels() {
        #expect(KeyEvent.ctrl("s").description == "^S")
        #expect(KeyEvent.alt("x").description == "M-x")
        #expect(KeyEvent.f(2).description == "F2")
        #expect(KeyEvent.backTab.description == "S-Tab")
        #expect(KeyEvent.char(" ").description == "Space")
    }
}
