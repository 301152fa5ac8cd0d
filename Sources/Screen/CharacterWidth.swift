/// How many terminal columns a character takes, as the C library's `wcwidth` counts it:
/// ncurses advances by that width, so the frame must lay out with the same numbers.
extension Character {
    /// 0 for combining marks and zero-width characters, 2 for East Asian wide and emoji, else 1.
    public var columns: Int {
        guard let first = unicodeScalars.first else { return 0 }
        return first.columns
    }
}

extension Unicode.Scalar {
    /// The width of a single scalar; a grapheme cluster takes the width of its first scalar.
    public var columns: Int {
        let v = value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }
        if Unicode.Scalar.wideRanges.contains(where: { $0.contains(v) }) { return 2 }
        if properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth.txt, W and F, condensed).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x18AFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension StringProtocol {
    /// Columns the text takes on a terminal.
    public var columns: Int { reduce(0) { $0 + $1.columns } }
}
