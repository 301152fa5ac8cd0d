import Foundation
import Logging
import PaymentCore
import QuiqClient

/// What a command needs to talk to the platform: the resolved configuration, an API client
/// and the journal, built from the flags and the process environment.
struct CommandContext {
    let configuration: ConsoleConfiguration
    let api: QuiqAPI
    let journal: Journal?
    let output: Output

    /// Resolves the configuration, prints its warnings, and opens the client and the journal.
    /// A journal that cannot be opened is reported and done without.
    static func make(_ options: PlatformOptions, conversation: String? = nil, retry: RetryPolicy? = nil) throws -> CommandContext {
        let output = Output(json: options.json)
        let environment = ProcessInfo.processInfo.environment
        let flags = ConsoleConfiguration.Flags(site: options.site, conversation: conversation)
        let configuration = try ConsoleConfiguration.resolve(flags: flags, paths: options.paths(environment), environment: environment)
        for warning in configuration.warnings { output.note(warning) }
        let journal: Journal?
        do {
            journal = try Journal(path: configuration.paths.journalPath)
        } catch {
            output.note("warning: \(error)")
            journal = nil
        }
        var logger = Logger(label: "quiqpay")
        logger.logLevel = ProcessInfo.processInfo.environment["QUIQPAY_DEBUG"] == nil ? .warning : .debug
        let api = QuiqAPI(options: configuration.apiOptions(retry: retry), logger: logger) { retrying in
            output.note(retrying.description)
        }
        return CommandContext(configuration: configuration, api: api, journal: journal, output: output)
    }

    /// Runs `body`, then closes the client; maps any error to its sentence and exit code.
    func run(_ body: (CommandContext) async throws -> Void) async throws {
        do {
            try await body(self)
            await api.shutdown()
        } catch {
            await api.shutdown()
            throw CommandFailure(error, sandbox: configuration.mode.isSandbox)
        }
    }

    /// Writes to the journal; a failure there is reported on stderr, not fatal: the payment
    /// itself is on the platform either way.
    func journalWrite(_ write: (Journal, String) async throws(JournalError) -> Void) async {
        guard let journal else { return }
        do throws(JournalError) {
            try await write(journal, configuration.platformName)
        } catch {
            output.note("warning: \(error)")
        }
    }

    /// Records a message in the journal; a failure there is reported, not fatal.
    func remember(_ message: PaymentMessage, origin: JournalEntry.Origin = .watched) async {
        guard let journal else { return }
        do {
            try await journal.record(message, platform: configuration.platformName, origin: origin)
        } catch {
            output.note("warning: \(error)")
        }
    }
}
