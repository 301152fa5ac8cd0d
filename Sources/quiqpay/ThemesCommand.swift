import ArgumentParser
import Foundation
import Screen

/// `quiqpay themes`: the shipped themes, each with a one-line preview of its roles.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the colour themes in Themes/ with a preview of each.")

    func run() throws {
        let catalog = ThemeCatalog.forExecutable()
        guard let directory = catalog.directory else {
            throw ValidationError("The Themes folder was not found; run quiqpay from its package (swift run quiqpay themes).")
        }
        let environment = ProcessInfo.processInfo.environment
        let colour = isatty(1) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
        print("Themes in \(directory.path) (use --theme NAME or QUIQPAY_THEME=NAME):")
        for name in catalog.names {
            do {
                let theme = try catalog.load(name)
                print("  \(name.padding(14)) \(theme.summary)")
                print("  \("".padding(14)) " + preview(theme, colour: colour))
            } catch {
                print("  \(name.padding(14)) broken: \(error)")
            }
        }
    }

    /// A sample of every role, coloured with SGR sequences when stdout is a colour terminal.
    private func preview(_ theme: Theme, colour: Bool) -> String {
        let samples: [(Role, String)] = [
            (.bannerSandbox, " SANDBOX "), (.bannerLive, " LIVE "), (.text, " text "), (.muted, " muted "),
            (.accent, " accent "), (.border, " │ "), (.statusPending, " pending "), (.statusOpened, " opened "),
            (.statusPaid, " paid "), (.statusFailed, " failed "), (.statusExpired, " expired "),
            (.statusCancelled, " cancelled "), (.error, " error "), (.selection, " selection "),
        ]
        guard colour else { return samples.map(\.1).joined() }
        return samples.map { sgr(theme[$0.0], base: theme[.background]) + $0.1 + "\u{1B}[0m" }.joined()
    }

    private func sgr(_ style: Style, base: Style) -> String {
        var codes: [String] = []
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.italic { codes.append("3") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        codes += colourCodes(style.fg, foreground: true) + colourCodes(style.bg, foreground: false)
        return "\u{1B}[" + (codes.isEmpty ? "0" : codes.joined(separator: ";")) + "m"
    }

    private func colourCodes(_ colour: Colour, foreground: Bool) -> [String] {
        let lead = foreground ? "38" : "48"
        switch colour {
        case .terminalDefault: return []
        case .index(let n): return [lead, "5", "\(n)"]
        case .rgb(let r, let g, let b): return [lead, "2", "\(r)", "\(g)", "\(b)"]
        }
    }
}
