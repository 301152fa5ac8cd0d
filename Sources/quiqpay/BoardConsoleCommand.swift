import ArgumentParser
import Foundation
import QuiqClient
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
        var environment = ProcessInfo.processInfo.environment
        // As for send/status/watch, --data-dir names the sandbox's own folder (where sandbox.json is).
        if let directory = platform.dataDirectory { environment["QUIQPAY_SANDBOX_DIR"] = directory }
        let selection = catalog.select(flag: theme, environment: environment)
        let flags = ConsoleConfiguration.Flags(site: platform.site, configFile: platform.config)
        try ConsoleCommand.runConsole(catalog: catalog, selection: selection, flags: flags, dataDirectory: nil,
                                      environment: environment, readOnly: readonly, opensOnBoard: true)
    }
}
