import Foundation
import Logging
import PaymentCore
import QuiqpayFiles

/// What a one-shot command (`send`, `status`, `watch`...) needs to talk to the platform: the
/// resolved configuration, one `QuiqAPI` and the journal. What goes wrong on the side (a
/// journal that cannot be opened or written, a retry) is told to `note` and is not fatal:
/// the payment itself is on the platform either way.
public struct ClientSession: Sendable {
    public let configuration: ConsoleConfiguration
    public let api: QuiqAPI
    public let journal: Journal?
    private let note: @Sendable (String) -> Void

    /// Resolves the configuration (its warnings go to `note`), then opens the client and the
    /// journal. `QUIQPAY_DEBUG` turns on the client's debug log.
    public static func open(flags: ConsoleConfiguration.Flags, paths: DataPaths, environment: [String: String],
                            retry: RetryPolicy? = nil,
                            note: @escaping @Sendable (String) -> Void) throws(ConfigurationError) -> ClientSession {
        let configuration = try ConsoleConfiguration.resolve(flags: flags, paths: paths, environment: environment)
        for warning in configuration.warnings { note(warning) }
        let journal: Journal?
        do throws(JournalError) {
            journal = try Journal(path: configuration.paths.journalPath)
        } catch {
            note("warning: \(error)")
            journal = nil
        }
        var logger = Logger(label: "quiqpay")
        logger.logLevel = environment["QUIQPAY_DEBUG"] == nil ? .warning : .debug
        let api = QuiqAPI(options: configuration.apiOptions(retry: retry), logger: logger) { retrying in
            note(retrying.description)
        }
        return ClientSession(configuration: configuration, api: api, journal: journal, note: note)
    }

    /// Writes to the journal; a failure there is told to `note`.
    public func journalWrite(_ write: (Journal, String) async throws(JournalError) -> Void) async {
        guard let journal else { return }
        do throws(JournalError) {
            try await write(journal, configuration.platformName)
        } catch {
            note("warning: \(error)")
        }
    }

    /// Records a message in the journal; a failure there is told to `note`.
    public func remember(_ message: PaymentMessage, origin: JournalEntry.Origin = .watched) async {
        await journalWrite { journal, platform throws(JournalError) in try await journal.record(message, platform: platform, origin: origin) }
    }

    /// Has `watcher` follow every payment of the journal that has not ended yet, from the
    /// status last seen; returns how many (none without a journal).
    public func watchUnfinished(with watcher: PaymentWatcher) async throws(JournalError) -> Int {
        var count = 0
        for entry in try await journal?.payments(platform: configuration.platformName) ?? [] where !(entry.status?.isTerminal ?? false) {
            if let status = entry.status {
                await watcher.watch(id: entry.id, status: status)
            } else {
                await watcher.watch(id: entry.id)
            }
            count += 1
        }
        return count
    }

    /// Has `watcher` follow `ids`, and the journal keep them (a failure there is told to `note`).
    public func watch(_ ids: [String], with watcher: PaymentWatcher) async {
        for id in ids {
            await watcher.watch(id: id)
            await journalWrite { journal, platform throws(JournalError) in try await journal.follow(id: id, platform: platform) }
        }
    }
}
