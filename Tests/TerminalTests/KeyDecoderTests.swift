import Screen
import Terminal
import Testing

@Suite("Key decoding")
struct KeyDecoderTests {
    static let codes = KeyDecoder.Codes(up: 259, down: 258, left: 260, right: 261, home: 262, end: 360, pageUp: 339,
                                        pageDown: 338, insert: 331, delete: 330, backspace: 263, enter: 343,
                                        backTab: 353, resize: 410, f0: 264)

    func decode(_ batch: [RawInput]) -> [InputEvent] {
        var decoder = KeyDecoder(codes: Self.codes)
        return decoder.decode(batch)
    }

    func scalars(_ text: String) -> [RawInput] { text.unicodeScalars.map { .scalar($0.value) } }

    @Test("curses key codes become named keys, function keys by number")
    func codes() {
        #expect(decode([.code(259), .code(338), .code(353), .code(266), .code(275), .code(360)]) ==
                [.key(.up), .key(.pageDown), .key(.backTab), .key(.f(2)), .key(.f(11)), .key(.end)])
    }

    @Test("control characters: Tab, Enter, Backspace, Ctrl-letters")
    func controls() {
        #expect(decode([.scalar(9), .scalar(13), .scalar(127), .scalar(19), .scalar(1)]) ==
                [.key(.tab), .key(.enter), .key(.backspace), .key(.ctrl("s")), .key(.ctrl("a"))])
    }

    @Test("Esc then a character in one batch is Alt; Esc alone is Escape")
    func alt() {
        #expect(decode(scalars("\u{1B}x")) == [.key(.alt("x"))])
        #expect(decode(scalars("\u{1B}")) == [.key(.escape)])
        #expect(decode(scalars("\u{1B}\u{1B}")) == [.key(.escape), .key(.escape)])
    }

    @Test("wide and combined characters arrive as characters")
    func unicode() {
        #expect(decode(scalars("日🎁")) == [.key(.char("日")), .key(.char("🎁"))])
    }

    @Test("bracketed paste arrives whole, even across batches, newlines kept")
    func paste() {
        #expect(decode(scalars("\u{1B}[200~héllo\r日本\u{1B}[201~q")) == [.paste("héllo\n日本"), .key(.char("q"))])
        var decoder = KeyDecoder(codes: Self.codes)
        #expect(decoder.decode(scalars("\u{1B}[200~ab")).isEmpty)
        #expect(decoder.isInsidePaste)
        #expect(decoder.decode(scalars("c\u{1B}[201~")) == [.paste("abc")])
        #expect(!decoder.isInsidePaste)
    }
}
