import ArgumentParser
import ConsoleApp
import ConsoleUI
import Foundation
import QuiqClient
import QuiqpayFiles
import Screen
import Terminal

/// `quiqpay console` (also plain `quiqpay`): the full-screen console.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the full-screen console (what plain `quiqpay` does).")

    @Option(help: "Colour theme (see `quiqpay themes`); QUIQPAY_THEME sets the default, NO_COLOR forces monochrome.")
    var theme: String?

    @Option(help: "Send new payments to this conversation (default: QUIQ_CONVERSATION, config.yaml, or the sandbox's demo one).")
    var conversation: String?

    @OptionGroup var platform: PlatformOptions

    func run() throws {
        try ConsoleRun(platform: platform, theme: theme, conversation: conversation).run(.configured)
    }
}

/// `quiqpay board`: the console opened on the supervisor board.
struct BoardConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Open the console on the supervisor board of every pending payment.")

    @Flag(help: "Show the board without any way to cancel a payment (the header says READ-ONLY).")
    var readonly = false

    @Option(help: "Colour theme (see `quiqpay themes`).")
    var theme: String?

    @OptionGroup var platform: PlatformOptions

    func run() throws {
        try ConsoleRun(platform: platform, theme: theme, conversation: nil)
            .run(.configured, initial: [.switchScreen(.board)], readOnly: readonly)
    }
}

/// One run of the full-screen console, for `quiqpay`, `quiqpay board` and `quiqpay demo`: the
/// services start first (so a start-up error prints plainly), then the terminal is taken over,
/// and everything is stopped again on every way out.
struct ConsoleRun {
    var site: String?
    var dataDirectory: String?
    var config: String?
    var theme: String?
    var conversation: String?

    init(platform: PlatformOptions? = nil, theme: String?, conversation: String?) {
        site = platform?.site
        dataDirectory = platform?.dataDirectory
        config = platform?.config
        self.theme = theme
        self.conversation = conversation
    }

    func run(_ launch: PlatformServices.Launch, initial: [Action] = [], readOnly: Bool = false) throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = DataPaths(dataDirectory: dataDirectory, configFile: config, environment: environment)
        let catalog = ThemeCatalog(userDirectory: paths.themesDirectory)
        let selection = catalog.select(flag: theme, environment: environment)
        let flags = ConsoleConfiguration.Flags(site: site, conversation: conversation)
        let services: PlatformServices
        do {
            services = try waitFor { () async throws(ConsoleStartError) -> PlatformServices in
                try await PlatformServices.start(launch, flags: flags, paths: paths, environment: environment)
            }
        } catch let error as ConsoleStartError {
            throw CommandFailure(error)
        }
        let terminal: Terminal
        do {
            terminal = try Terminal(theme: selection.theme)
        } catch {
            waitFor { await services.stop() }
            throw CommandFailure(message: error.description, code: CommandFailure.badInput, errorCode: "terminal")
        }
        let loop = ConsoleLoop(terminal: terminal, catalog: catalog, themeName: selection.theme.name, warning: selection.warning,
                               services: services, initial: initial, readOnly: readOnly)
        let signal = loop.run()
        waitFor { await services.stop() }
        if let signal { throw ExitCode(128 + signal) }
    }
}
