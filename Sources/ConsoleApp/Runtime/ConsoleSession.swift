import ConsoleUI
import QuiqClient
import QuiqpayFiles
import Screen
import Terminal

/// One run of the full-screen console, for `quiqpay`, `quiqpay board` and `quiqpay demo`: the
/// services start first (so a start-up error prints plainly, on a terminal not yet taken
/// over), then the terminal is taken over, and everything is stopped again on every way out.
public struct ConsoleSession: Sendable {
    public var flags: ConsoleConfiguration.Flags
    public var paths: DataPaths
    /// `--theme`; nil leaves it to `QUIQPAY_THEME` and `NO_COLOR`.
    public var theme: String?

    public init(flags: ConsoleConfiguration.Flags, paths: DataPaths, theme: String?) {
        self.flags = flags
        self.paths = paths
        self.theme = theme
    }

    /// Runs until the user quits (nil) or a quit signal ends the run (its number).
    /// - Parameters:
    ///   - initial: actions applied before the first frame (the screen to open on).
    ///   - readOnly: the board without any way to cancel (`quiqpay board --readonly`).
    public func run(_ launch: PlatformServices.Launch, initial: [Action] = [], readOnly: Bool = false,
                    environment: [String: String]) throws(ConsoleStartError) -> Int32? {
        let catalog = ThemeCatalog(userDirectory: paths.themesDirectory)
        let selection = catalog.select(flag: theme, environment: environment)
        let (flags, paths) = (flags, paths)
        let services: PlatformServices
        do {
            services = try waitFor { () async throws(ConsoleStartError) -> PlatformServices in
                try await PlatformServices.start(launch, flags: flags, paths: paths, environment: environment)
            }
        } catch let error as ConsoleStartError {
            throw error
        } catch {
            // waitFor hands back only what the body threw, and that is a ConsoleStartError.
            throw .sandbox("\(error)")
        }
        let terminal: Terminal
        do {
            terminal = try Terminal(theme: selection.theme)
        } catch {
            waitFor { await services.stop() }
            throw .terminal(error)
        }
        let loop = ConsoleLoop(terminal: terminal, catalog: catalog, themeName: selection.theme.name, warning: selection.warning,
                               services: services, initial: initial, readOnly: readOnly)
        let signal = loop.run()
        waitFor { await services.stop() }
        return signal
    }
}
