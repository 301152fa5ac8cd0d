import CNcursesw

/// What the terminfo database says of a terminal type, read without taking over the terminal,
/// so `quiqpay doctor` can tell what the console would find: how many colours, 24-bit colour,
/// and OSC 52 (the `Ms` capability, how the console copies links to the clipboard).
public struct TerminfoEntry: Sendable, Hashable {
    public var colours: Int
    public var directColour: Bool
    public var clipboard: Bool

    /// The depth the console would draw in, by the same rule as `Terminal.init`.
    public var depth: ColourDepth {
        if directColour && colours >= 0x1000000 { return .direct }
        if colours >= 256 { return .palette256 }
        if colours >= 8 { return .eight }
        return .none
    }

    /// The entry for `term` (a `TERM` value), or nil when terminfo does not know it. Call it
    /// outside a curses session: curses has one set of globals per process.
    public static func lookUp(_ term: String) -> TerminfoEntry? {
        var colours: Int32 = 0
        var rgb: Int32 = 0
        var clipboard: Int32 = 0
        guard qp_terminfo_lookup(term, &colours, &rgb, &clipboard) != 0 else { return nil }
        return TerminfoEntry(colours: Int(max(colours, 0)), directColour: rgb != 0, clipboard: clipboard != 0)
    }
}
