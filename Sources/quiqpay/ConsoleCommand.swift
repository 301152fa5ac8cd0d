import ArgumentParser
import ConsoleApp
import ConsoleUI
import Foundation
import QuiqClient
import QuiqpayFiles

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

/// The console's flags, for `quiqpay`, `quiqpay board` and `quiqpay demo`; the run itself is
/// ConsoleApp's `ConsoleSession`.
struct ConsoleRun {
    var platform: PlatformOptions? = nil
    var theme: String?
    var conversation: String?

    func run(_ launch: PlatformServices.Launch, initial: [Action] = [], readOnly: Bool = false) throws {
        let environment = ProcessInfo.processInfo.environment
        let session = ConsoleSession(flags: ConsoleConfiguration.Flags(site: platform?.site, conversation: conversation),
                                     paths: platform?.paths(environment) ?? DataPaths(environment: environment), theme: theme)
        let signal: Int32?
        do throws(ConsoleStartError) {
            signal = try session.run(launch, initial: initial, readOnly: readOnly, environment: environment)
        } catch {
            throw CommandFailure(error)
        }
        if let signal { throw ExitCode(128 + signal) }
    }
}
