/// How one role looks: colours and attributes. What a theme gives each role.
public struct Style: Hashable, Sendable {
    public var fg: Colour
    public var bg: Colour
    public var bold: Bool
    public var dim: Bool
    public var italic: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(fg: Colour = .terminalDefault, bg: Colour = .terminalDefault, bold: Bool = false, dim: Bool = false,
                italic: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }

    /// The same attributes with colours dropped: what a terminal without colour shows.
    public var withoutColour: Style {
        var s = self
        s.fg = .terminalDefault
        s.bg = .terminalDefault
        return s
    }
}
