import Screen

/// What curses hands over: a character, or a key code for keys it recognised (keypad mode).
public enum RawInput: Hashable, Sendable {
    case scalar(UInt32)
    case code(Int32)
}

/// Turns curses' raw input into key events: Esc-prefixed Alt combinations, control
/// characters, and bracketed paste (`ESC [200~ ... ESC [201~`). Pure, so it is unit-tested.
public struct KeyDecoder: Sendable {
    /// Curses key codes the decoder needs; passed in so this type stays free of ncurses.
    public struct Codes: Sendable {
        public var up, down, left, right, home, end, pageUp, pageDown: Int32
        public var insert, delete, backspace, enter, backTab, resize, f0: Int32
        public init(up: Int32, down: Int32, left: Int32, right: Int32, home: Int32, end: Int32, pageUp: Int32,
                    pageDown: Int32, insert: Int32, delete: Int32, backspace: Int32, enter: Int32, backTab: Int32,
                    resize: Int32, f0: Int32) {
            self.up = up; self.down = down; self.left = left; self.right = right; self.home = home
            self.end = end; self.pageUp = pageUp; self.pageDown = pageDown; self.insert = insert
            self.delete = delete; self.backspace = backspace; self.enter = enter; self.backTab = backTab
            self.resize = resize; self.f0 = f0
        }
    }

    let codes: Codes
    /// Text of a paste whose end marker has not arrived yet.
    private var paste: [Character]?
    private static let pasteStart: [UInt32] = Array("[200~".unicodeScalars.map(\.value))
    private static let pasteEnd: [UInt32] = Array("\u{1B}[201~".unicodeScalars.map(\.value))

    public init(codes: Codes) {
        self.codes = codes
    }

    /// Whether a paste has started and not ended: the caller should read on before drawing.
    public var isInsidePaste: Bool { paste != nil }

    /// Decodes one batch of input that arrived together. `resize` codes become nil here;
    /// the terminal turns them into `.resize` itself, since it knows the new size.
    public mutating func decode(_ batch: [RawInput]) -> [InputEvent] {
        var events: [InputEvent] = []
        var i = 0
        func scalarsMatch(_ expected: [UInt32], at start: Int) -> Bool {
            guard start + expected.count <= batch.count else { return false }
            for (k, v) in expected.enumerated() where batch[start + k] != .scalar(v) { return false }
            return true
        }
        while i < batch.count {
            if var text = paste {
                if scalarsMatch(Self.pasteEnd, at: i) {
                    events.append(.paste(String(text)))
                    paste = nil
                    i += Self.pasteEnd.count
                    continue
                }
                if case .scalar(let v) = batch[i], let s = Unicode.Scalar(v) {
                    text.append(v == 13 ? "\n" : Character(s))
                }
                paste = text
                i += 1
                continue
            }
            switch batch[i] {
            case .code(let code):
                if let key = key(forCode: code) { events.append(.key(key)) }
                i += 1
            case .scalar(27):
                if scalarsMatch(Self.pasteStart, at: i + 1) {
                    paste = []
                    i += 1 + Self.pasteStart.count
                } else if i + 1 < batch.count, case .scalar(let next) = batch[i + 1], next != 27,
                          var key = key(forScalar: next) {
                    key.modifiers.insert(.alt)
                    events.append(.key(key))
                    i += 2
                } else {
                    events.append(.key(.escape))
                    i += 1
                }
            case .scalar(let v):
                if let key = key(forScalar: v) { events.append(.key(key)) }
                i += 1
            }
        }
        return events
    }

    private func key(forScalar v: UInt32) -> KeyEvent? {
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26:
            guard let s = Unicode.Scalar(v + 96) else { return nil }
            return .ctrl(Character(s))
        case 0, 28...31: return nil
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            return .char(Character(s))
        }
    }

    private func key(forCode code: Int32) -> KeyEvent? {
        switch code {
        case codes.up: .up
        case codes.down: .down
        case codes.left: .left
        case codes.right: .right
        case codes.home: .home
        case codes.end: .end
        case codes.pageUp: .pageUp
        case codes.pageDown: .pageDown
        case codes.insert: .insert
        case codes.delete: .delete
        case codes.backspace: .backspace
        case codes.enter: .enter
        case codes.backTab: .backTab
        case (codes.f0 + 1)...(codes.f0 + 63): .f(Int(code - codes.f0))
        default: nil
        }
    }
}
