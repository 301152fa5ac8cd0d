import ArgumentParser
import Foundation
import PaymentCore
import QuiqClient
import UnixSignals

/// `quiqpay watch`: one line per status change, until interrupted.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print one line per payment status change until interrupted.",
        discussion: """
            Without ids, watches every payment in the journal that has not ended yet. With ids, \
            each payment's current status is printed first. Connection changes (offline, back \
            online) go to stderr.
            """)

    @OptionGroup var platform: PlatformOptions

    @Argument(help: "Payment ids to watch (default: every unfinished payment in the journal).")
    var ids: [String] = []

    @Flag(name: .customLong("until-done"), help: "Exit once every watched payment has reached a final status.")
    var untilDone = false

    /// One line of `--json` output.
    struct Line: Encodable {
        var type = "change"
        var id: String
        var from: String?
        var to: String
        var at: String?
        var note: String?
        var active: Bool
    }

    func run() async throws {
        let context = try CommandContext.make(platform, retry: RetryPolicy(maxAttempts: 1))
        try await context.run { context in
            let watcher = PaymentWatcher(api: context.api, policy: context.configuration.watch)
            var count = ids.count
            if ids.isEmpty {
                count = try await context.session.watchUnfinished(with: watcher)
                if count == 0 {
                    context.output.note("No unfinished payments in the journal: send one with `quiqpay send`, or give ids to watch.")
                    if untilDone { return }
                }
            } else {
                await context.session.watch(ids, with: watcher)
            }
            context.output.note("watching \(count) payment\(count == 1 ? "" : "s") at \(context.api.displayURL); Ctrl-C stops")

            let task = Task { await watcher.run() }
            // SIGINT and SIGTERM stop the watch cleanly (exit 0), as they stop `merchant` and `processor`.
            let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
            let stopper = Task { for await _ in signals { task.cancel() } }
            defer { stopper.cancel() }
            for await event in watcher.events {
                switch event {
                case .changed(let change):
                    await context.session.remember(change.message)
                    if context.output.json {
                        context.output.emit(Line(id: change.id, from: change.from?.rawValue, to: change.to.rawValue,
                                                 at: change.at, note: change.note, active: change.to.isActive))
                    } else {
                        let from = change.from.map { "\($0.rawValue) -> " } ?? ""
                        let note = change.note.map { "  (\($0))" } ?? ""
                        print("\(change.at ?? "-")  \(change.id)  \(from)\(change.to.rawValue)\(note)")
                        fflush(nil)
                    }
                    if untilDone, await watcher.activeCount == 0 { task.cancel() }
                case .lost(let id, let reason):
                    context.output.note("stopped watching \(id): \(reason)")
                    if untilDone, await watcher.activeCount == 0 { task.cancel() }
                case .connection(let state):
                    context.output.note(state == .online ? "connection: online" : "connection: \(state)")
                }
            }
        }
    }
}
