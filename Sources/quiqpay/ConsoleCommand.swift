import ArgumentParser
import Foundation
import Screen

/// `quiqpay console` (also plain `quiqpay`): the full-screen console.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the full-screen console (what plain `quiqpay` does).")

    @Option(help: "Colour theme from Themes/ (see `quiqpay themes`); QUIQPAY_THEME sets the default, NO_COLOR forces monochrome.")
    var theme: String?

    func run() throws {
        let catalog = ThemeCatalog.forExecutable()
        let selection = catalog.select(flag: theme, environment: ProcessInfo.processInfo.environment)
        let board = BoardSetup.resolve(readOnly: false, opensOnBoard: false)
        let runtime = try ConsoleRuntime(catalog: catalog, theme: selection.theme, warning: selection.warning, board: board)
        if let signal = runtime.run() {
            throw ExitCode(128 + signal)
        }
    }
}

extension ThemeCatalog {
    /// The Themes folder above the running binary (`.build/debug/quiqpay` in the package),
    /// else above the current directory.
    static func forExecutable() -> ThemeCatalog {
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
        let found = ThemeCatalog.locate(from: executable)
        return found.directory == nil ? ThemeCatalog.locate(from: FileManager.default.currentDirectoryPath) : found
    }
}
