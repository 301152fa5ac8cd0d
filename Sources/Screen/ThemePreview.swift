extension Theme {
    /// A sample of every role on one line, for `quiqpay themes`: coloured with SGR sequences
    /// when the output is a colour terminal (`coloured`), else the plain words, so a theme can
    /// be judged before it is chosen.
    public func preview(coloured: Bool) -> String {
        let samples: [(Role, String)] = [
            (.bannerSandbox, " SANDBOX "), (.bannerLive, " LIVE "), (.text, " text "), (.muted, " muted "),
            (.accent, " accent "), (.border, " │ "), (.statusPending, " pending "), (.statusOpened, " opened "),
            (.statusPaid, " paid "), (.statusFailed, " failed "), (.statusExpired, " expired "),
            (.statusCancelled, " cancelled "), (.error, " error "), (.selection, " selection "),
        ]
        guard coloured else { return samples.map(\.1).joined() }
        return samples.map { self[$0.0].sgr + $0.1 + "\u{1B}[0m" }.joined()
    }
}

extension Style {
    /// The SGR escape sequence that selects this style on an ANSI terminal.
    var sgr: String {
        var codes: [String] = []
        if bold { codes.append("1") }
        if dim { codes.append("2") }
        if italic { codes.append("3") }
        if underline { codes.append("4") }
        if reverse { codes.append("7") }
        codes += fg.sgrCodes(foreground: true) + bg.sgrCodes(foreground: false)
        return "\u{1B}[" + (codes.isEmpty ? "0" : codes.joined(separator: ";")) + "m"
    }
}

extension Colour {
    /// SGR parameters for this colour as foreground (38) or background (48); none for the terminal's default.
    func sgrCodes(foreground: Bool) -> [String] {
        let lead = foreground ? "38" : "48"
        switch self {
        case .terminalDefault: return []
        case .index(let n): return [lead, "5", "\(n)"]
        case .rgb(let r, let g, let b): return [lead, "2", "\(r)", "\(g)", "\(b)"]
        }
    }
}
