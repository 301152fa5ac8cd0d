import CNcursesw
import Screen

/// A theme turned into curses attributes and colour pairs for one colour depth.
struct Palette {
    struct Entry {
        var attributes: attr_t
        var pair: Int32
    }

    private(set) var entries: [Role: Entry] = [:]

    /// Allocates one extended pair per distinct (fg, bg) the theme uses.
    init(theme: Theme, depth: ColourDepth) {
        var pairs: [PairKey: Int32] = [:]
        for role in Role.allCases {
            let style = depth == .none ? theme[role].withoutColour : theme[role]
            var attributes = qp_a_normal()
            if style.bold { attributes |= qp_a_bold() }
            if style.dim { attributes |= qp_a_dim() }
            if style.italic { attributes |= qp_a_italic() }
            if style.underline { attributes |= qp_a_underline() }
            if style.reverse { attributes |= qp_a_reverse() }
            let key = PairKey(fg: Palette.number(style.fg, depth), bg: Palette.number(style.bg, depth))
            var pair: Int32 = 0
            if depth != .none, key != PairKey(fg: -1, bg: -1) {
                if let existing = pairs[key] {
                    pair = existing
                } else {
                    pair = Int32(pairs.count + 1)
                    if init_extended_pair(pair, key.fg, key.bg) == ERR { pair = 0 }
                    pairs[key] = pair
                }
            }
            entries[role] = Entry(attributes: attributes, pair: pair)
        }
    }

    private struct PairKey: Hashable {
        var fg: Int32
        var bg: Int32
    }

    /// The curses colour number of `colour` at `depth`: -1 for the terminal's own.
    static func number(_ colour: Colour, _ depth: ColourDepth) -> Int32 {
        switch depth {
        case .none: return -1
        case .eight: return number(colour.in8)
        case .palette256: return number(colour.in256)
        case .direct:
            switch colour {
            case .index(let n) where n >= 8:
                let (r, g, b) = Colour.rgbOfIndex(n)
                return number(.rgb(r, g, b))
            default: return number(colour)
            }
        }
    }

    private static func number(_ colour: Colour) -> Int32 {
        switch colour {
        case .terminalDefault: -1
        case .index(let n): Int32(n)
        case .rgb(let r, let g, let b): Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        }
    }
}
