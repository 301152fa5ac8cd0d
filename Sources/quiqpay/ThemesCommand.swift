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
            let origin = ThemeCatalog.origin(of: name, source)
            do {
                let theme = try catalog.load(name)
                print("  \(name.padding(14)) \(origin). \(theme.summary)")
                print("  \("".padding(14)) " + theme.preview(coloured: colour))
            } catch {
                print("  \(name.padding(14)) \(origin). broken: \(error)")
            }
        }
    }
}
