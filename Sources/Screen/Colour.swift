/// A colour as a theme writes it: the terminal's own, a palette index, or 24-bit RGB.
public enum Colour: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background (`use_default_colors`).
    case terminalDefault
    /// A palette entry, 0-255 (0-7 the basic colours, 8-15 their bright forms).
    case index(UInt8)
    /// A 24-bit colour, shown directly where the terminal can, else the nearest palette entry.
    case rgb(UInt8, UInt8, UInt8)

    /// The names a theme may use for palette entries 0-15.
    public static let names: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "grey": 8, "gray": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Reads `default`, a colour name, `0`-`255` or `#rrggbb`; nil when it is none of these.
    public init?(parsing text: String) {
        let t = text.lowercased()
        if t == "default" { self = .terminalDefault; return }
        if let n = Colour.names[t] { self = .index(n); return }
        if let n = UInt8(t) { self = .index(n); return }
        guard t.count == 7, t.hasPrefix("#"), let v = UInt32(t.dropFirst(), radix: 16) else { return nil }
        self = .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
    }

    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .index(let n): "\(n)"
        case .rgb(let r, let g, let b):
            "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// This colour on a 256-colour terminal: RGB becomes the nearest xterm cube or grey entry.
    public var in256: Colour {
        guard case .rgb(let r, let g, let b) = self else { return self }
        return .index(Colour.nearest(r, g, b, in: 16...255))
    }

    /// This colour on an 8-colour terminal: the nearest of the basic eight.
    public var in8: Colour {
        switch self {
        case .terminalDefault: return self
        case .index(let n) where n < 8: return self
        case .index(let n) where n < 16: return .index(n - 8)
        case .index(let n):
            let (r, g, b) = Colour.rgbOfIndex(n)
            return .index(Colour.nearest(r, g, b, in: 0...7))
        case .rgb(let r, let g, let b): return .index(Colour.nearest(r, g, b, in: 0...7))
        }
    }

    /// The usual xterm RGB of palette entry `n`.
    public static func rgbOfIndex(_ n: UInt8) -> (UInt8, UInt8, UInt8) {
        let basic: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if n < 16 { return basic[Int(n)] }
        if n >= 232 { let v = UInt8(8 + 10 * Int(n - 232)); return (v, v, v) }
        let i = Int(n) - 16, steps: [UInt8] = [0, 95, 135, 175, 215, 255]
        return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
    }

    private static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, in range: ClosedRange<UInt8>) -> UInt8 {
        var best = range.lowerBound, bestDistance = Int.max
        for n in range {
            let (pr, pg, pb) = rgbOfIndex(n)
            let dr = Int(pr) - Int(r), dg = Int(pg) - Int(g), db = Int(pb) - Int(b)
            let d = 2 * dr * dr + 4 * dg * dg + 3 * db * db
            if d < bestDistance { best = n; bestDistance = d }
        }
        return best
    }
}
