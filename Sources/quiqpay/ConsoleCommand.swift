import ArgumentParser
import Foundation
import MerchantDemo
import QuiqClient
import Sandbox
import Screen

/// `quiqpay console` (also plain `quiqpay`): the full-screen console.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the full-screen console (what plain `quiqpay` does).")

    @Option(help: "Colour theme from Themes/ (see `quiqpay themes`); QUIQPAY_THEME sets the default, NO_COLOR forces monochrome.")
    var theme: String?

    @Option(name: .long, help: "A Quiq tenant name or base URL (overrides QUIQ_SITE and config.yaml); without one the console runs its own sandbox.")
    var site: String?

    @Option(name: .customLong("data-dir"), help: "Where the embedded sandbox (DIR/sandbox, with sandbox.json) and the journal live (default: $XDG_DATA_HOME/quiqpay).")
    var dataDirectory: String?

    @Option(name: .long, help: "Read this config file instead of $XDG_CONFIG_HOME/quiqpay/config.yaml.")
    var config: String?

    @Option(name: .long, help: "Send new payments to this conversation (default: QUIQ_CONVERSATION, config.yaml, or the sandbox's demo one).")
    var conversation: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let catalog = ThemeCatalog.forExecutable()
        let selection = catalog.select(flag: theme, environment: environment)
        let flags = ConsoleConfiguration.Flags(site: site, conversation: conversation, configFile: config)
        try ConsoleCommand.runConsole(catalog: catalog, selection: selection, flags: flags, dataDirectory: dataDirectory,
                                      environment: environment, readOnly: false, opensOnBoard: false)
    }

    /// Starts the platform services (the embedded sandbox when no site is configured), runs the
    /// console until it quits, then stops them. `quiqpay board` runs the same console.
    static func runConsole(catalog: ThemeCatalog, selection: (theme: Theme, warning: String?), flags: ConsoleConfiguration.Flags,
                           dataDirectory: String?, environment: [String: String], readOnly: Bool, opensOnBoard: Bool) throws {
        let services: ConsoleServices
        do {
            services = try waitFor {
                try await ConsoleServices.start(flags: flags, dataDirectory: dataDirectory, environment: environment)
            }
        } catch let error as SandboxStartError {
            throw CommandFailure(message: error.description, code: CommandFailure.unreachable, errorCode: "sandbox")
        } catch let error as MerchantStartError {
            throw CommandFailure(message: error.description, code: CommandFailure.unreachable, errorCode: "merchant")
        } catch let error as ReferenceClientError {
            throw CommandFailure(message: error.description, code: CommandFailure.unreachable, errorCode: "merchant")
        }
        defer { try? waitFor { await services.stop() } }
        let board = BoardSetup.from(services: services, readOnly: readOnly, opensOnBoard: opensOnBoard)
        let runtime = try ConsoleRuntime(catalog: catalog, theme: selection.theme, warning: selection.warning,
                                         services: services, board: board)
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
