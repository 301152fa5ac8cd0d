import ArgumentParser
import Foundation
import QuiqpayFiles
import Screen

/// `quiqpay themes`: the built-in themes and the user's own, each with where it comes from and a
/// one-line preview of its roles.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the built-in colour themes and yours (in $XDG_CONFIG_HOME/quiqpay/themes), with a preview of each.")

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = DataPaths(environment: environment)
        let catalog = ThemeCatalog(userDirectory: paths.themesDirectory)
        let colour = isatty(1) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
        print("Themes (use --theme NAME or QUIQPAY_THEME=NAME; yours go in \(paths.themesDirectory)/NAME.yaml and override a built-in one of the same name):")
        for (name, source) in catalog.entries {
            let origin: String
            switch source {
            case .builtIn: origin = "built in"
            case .user(let path): origin = ThemeCatalog.builtInNames.contains(name) ? "yours, overrides the built-in one: \(path)" : "yours: \(path)"
            }
            do {
                let theme = try catalog.load(name)
                print("  \(name.padding(14)) \(origin). \(theme.summary)")
                print("  \("".padding(14)) " + preview(theme, colour: colour))
            } catch {
                print("  \(name.padding(14)) \(origin). broken: \(error)")
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
