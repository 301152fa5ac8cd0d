import ArgumentParser
import Foundation
import Screen

/// `quiqpay board`: the console opened on the supervisor board.
struct BoardConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Open the console on the supervisor board of every pending payment.")

    @Flag(help: "Show the board without any way to cancel a payment (the header says READ-ONLY).")
    var readonly = false

    @Option(help: "Colour theme from Themes/ (see `quiqpay themes`).")
    var theme: String?

    @OptionGroup var platform: PlatformOptions

    func run() throws {
        let catalog = ThemeCatalog.forExecutable()
        let selection = catalog.select(flag: theme, environment: ProcessInfo.processInfo.environment)
        let setup = BoardSetup.resolve(site: platform.site, dataDirectory: platform.dataDirectory, config: platform.config,
                                       readOnly: readonly, opensOnBoard: true)
        let runtime = try ConsoleRuntime(catalog: catalog, theme: selection.theme, warning: selection.warning, board: setup)
        if let signal = runtime.run() {
            throw ExitCode(128 + signal)
        }
    }
}
