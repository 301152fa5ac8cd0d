import ConsoleUI
import Foundation
import Logging
import MerchantDemo
import PaymentCore
import QuiqClient
import Sandbox
import Synchronization

/// Everything the console talks to, started for one run: the platform client, the watcher,
/// the journal and, with no site configured, the embedded sandbox and reference Client in
/// this process. It performs the payment `Effect`s and reports every result, watcher event
/// and connection change as an `Action` through the inbox: the only way it reaches the UI.
final class ConsoleServices: Sendable {
    let configuration: ConsoleConfiguration
    /// Agent calls that must get through (create, cancel): retried with backoff, announced.
    let api: QuiqAPI
    /// Polling calls: never retried, the watcher and the heartbeat back off themselves.
    let pollAPI: QuiqAPI
    let watcher: PaymentWatcher
    let journal: Journal?
    /// Why the journal could not be opened, shown once; drafts then live only in memory.
    let journalWarning: String?
    /// The in-process platform and reference Client, in embedded mode (nil against a real site
    /// or a sandbox already served by another process).
    let platform: EmbeddedPlatform?
    /// Seconds between two reads of the shown conversation (and of the watched payments).
    let pollInterval: Double

    private let relay: InboxRelay
    private let tasks = Mutex<[Task<Void, Never>]>([])
    private let shownConversation = Mutex<String?>(nil)
    private let journalQueue: AsyncStream<JournalWrite>.Continuation
    private let journalWrites: AsyncStream<JournalWrite>

    /// Journal writes, performed one at a time in the order asked, so the last draft saved wins
    /// and a draft is marked sent only after it was saved.
    private enum JournalWrite: Sendable {
        case save(PaymentDraft)
        case record(PaymentMessage, JournalEntry.Origin)
        case markSent(draftId: String, paymentId: String)
    }

    private init(configuration: ConsoleConfiguration, journalPath: String, platform: EmbeddedPlatform?,
                 logger: Logger, relay: InboxRelay) {
        self.configuration = configuration
        self.relay = relay
        self.platform = platform
        pollInterval = configuration.mode.isSandbox ? 1 : configuration.watch.youngInterval
        api = QuiqAPI(options: configuration.apiOptions(), logger: logger) { relay.send(.connection(ConsoleServices.retrying($0))) }
        pollAPI = QuiqAPI(options: configuration.apiOptions(retry: RetryPolicy.none), logger: logger)
        var policy = configuration.watch
        policy.youngInterval = pollInterval
        watcher = PaymentWatcher(api: pollAPI, policy: policy, logger: logger)
        do {
            journal = try Journal(path: journalPath)
            journalWarning = nil
        } catch {
            journal = nil
            journalWarning = "\(error) Drafts are not saved this time."
        }
        (journalWrites, journalQueue) = AsyncStream.makeStream(of: JournalWrite.self, bufferingPolicy: .unbounded)
    }

    /// Where the console's files live: `DIR/sandbox` (the embedded sandbox, with the same
    /// `sandbox.json` as `quiqpay sandbox`) and `DIR/journal.sqlite`.
    struct Paths {
        var sandboxDirectory: String
        var journalPath: String

        init(dataDirectory: String?, environment: [String: String]) {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/share"
            let root = dataDirectory ?? dataHome + "/quiqpay"
            sandboxDirectory = dataDirectory.map { $0 + "/sandbox" }
                ?? environment["QUIQPAY_SANDBOX_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? root + "/sandbox"
            journalPath = root + "/journal.sqlite"
        }
    }

    /// Resolves the configuration; with no site, reuses a sandbox another process serves from
    /// the same directory, else starts one here with the reference Client registered on it.
    static func start(flags: ConsoleConfiguration.Flags, dataDirectory: String?,
                      environment: [String: String]) async throws -> ConsoleServices {
        let relay = InboxRelay()
        let paths = Paths(dataDirectory: dataDirectory, environment: environment)
        var flags = flags
        flags.dataDirectory = paths.sandboxDirectory
        let logger = Logger(label: "quiqpay.console") { _ in SwiftLogNoOpLogHandler() }

        var first: ConsoleConfiguration?
        do {
            first = try ConsoleConfiguration.resolve(flags: flags, environment: environment)
        } catch {
            // No sandbox yet (or a broken sandbox.json): the one started below rewrites it.
            guard Self.missingSandbox(error) else { throw error }
        }
        if let first, !first.mode.isSandbox {
            return ConsoleServices(configuration: first, journalPath: paths.journalPath, platform: nil, logger: logger, relay: relay)
        }
        if let first, await servedElsewhere(first, logger: logger) {
            return ConsoleServices(configuration: first, journalPath: paths.journalPath, platform: nil, logger: logger, relay: relay)
        }
        let platform = try await EmbeddedPlatform.start(SandboxConfiguration(
            host: "127.0.0.1", port: 0, dataDirectory: paths.sandboxDirectory, logger: logger), logger: logger)
        do {
            let configuration = try ConsoleConfiguration.resolve(flags: flags, environment: environment)
            return ConsoleServices(configuration: configuration, journalPath: paths.journalPath, platform: platform,
                                   logger: logger, relay: relay)
        } catch {
            await platform.stop()
            throw error
        }
    }

    private static func missingSandbox(_ error: ConfigurationError) -> Bool {
        switch error {
        case .noSandbox, .invalidSandboxFile: true
        default: false
        }
    }

    /// Whether the sandbox of `configuration` answers already (a `quiqpay sandbox` or another
    /// console on the same directory): then it is used rather than started a second time.
    private static func servedElsewhere(_ configuration: ConsoleConfiguration, logger: Logger) async -> Bool {
        guard let conversation = configuration.conversationId else { return false }
        let probe = QuiqAPI(options: configuration.apiOptions(retry: RetryPolicy.none), logger: logger)
        defer { Task { await probe.shutdown() } }
        do {
            _ = try await probe.conversation(id: conversation)
            return true
        } catch {
            return false
        }
    }

    /// The status line's mode and site.
    var mode: Mode { configuration.mode.isSandbox ? .sandbox : .live }
    var siteLabel: String {
        let host = configuration.baseURL.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        return configuration.mode.isSandbox ? "sandbox " + host : host
    }

    /// Starts reporting to `inbox`: the platform, the journal's payments and any unsent draft,
    /// then the watcher's events and the heartbeat.
    func attach(to inbox: ActionInbox) {
        relay.connect(inbox)
        let collectionUrl = platform?.merchant.collectionURL ?? configuration.sandbox?.collectionUrl
        inbox.send(.platform(mode: mode, site: siteLabel, baseURL: configuration.baseURL,
                             conversationId: configuration.conversationId, collectionUrl: collectionUrl))
        inbox.send(.connection(.connecting))
        if let journalWarning { inbox.send(.showToast(Toast(journalWarning, level: .error, duration: 10))) }
        spawn { await self.runJournalWrites() }
        spawn { await self.loadJournal() }
        spawn { await self.watcher.run() }
        spawn { await self.forwardWatcherEvents() }
        spawn { await self.heartbeat() }
    }

    /// Performs a payment effect; false for effects that are not this object's (the terminal's).
    func perform(_ effect: Effect) -> Bool {
        switch effect {
        case .startDraft(var draft):
            draft.id = UUID().uuidString.lowercased()
            if draft.conversationId.isEmpty { draft.conversationId = configuration.conversationId ?? "" }
            // A blank draft (not a re-opened payment) starts in the configured currency.
            if draft.description.isEmpty, draft.amount == nil, draft.lineItems.isEmpty { draft.currency = configuration.currency }
            send(.openDraft(draft, recovered: false))
        case .saveDraft(let draft):
            journalQueue.yield(.save(draft))
        case .send(let draft):
            spawn { await self.create(draft) }
        case .cancel(let id):
            spawn { await self.cancel(id) }
        case .loadConversation(let id):
            shownConversation.withLock { $0 = id }
            spawn { await self.readConversation(id) }
        case .quit, .loadTheme, .redraw, .copy, .refreshBoard, .boardPolling, .exportCSV, .createDemoPayment:
            return false
        }
        return true
    }

    /// Stops every task, the watcher, the in-process servers and the HTTP clients.
    func stop() async {
        journalQueue.finish()
        let running = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
        await api.shutdown()
        await pollAPI.shutdown()
        await platform?.stop()
    }

    // MARK: - Work

    private func send(_ action: Action) {
        relay.send(action)
    }

    private func spawn(_ body: @escaping @Sendable () async -> Void) {
        let task = Task.detached(operation: body)
        tasks.withLock { $0.append(task) }
    }

    private func create(_ draft: PaymentDraft) async {
        do {
            let message = try await api.createPayment(draft)
            journalQueue.yield(.record(message, .created))
            journalQueue.yield(.markSent(draftId: draft.id, paymentId: message.id))
            await watcher.watch(id: message.id, status: message.status)
            send(.connection(.connected))
            send(.sent(draftId: draft.id, message))
        } catch {
            var fields: [FieldViolation] = []
            if case .rejected(_, _, _, let reported) = error { fields = reported }
            send(.sendFailed(draftId: draft.id, message: error.description, fields: fields))
        }
    }

    private func cancel(_ id: String) async {
        do {
            let message = try await api.cancelPayment(id: id)
            journalQueue.yield(.record(message, .created))
            send(.paymentUpdated(message))
            send(.showToast(Toast("Payment cancelled.", level: .success)))
        } catch {
            send(.showToast(Toast(error.description, level: .error, duration: 10)))
        }
    }

    private func readConversation(_ id: String) async {
        do {
            let conversation = try await pollAPI.conversation(id: id)
            send(.conversationLoaded(conversation))
        } catch {
            send(.showToast(Toast(error.description, level: .error, duration: 8)))
        }
    }

    private func runJournalWrites() async {
        guard let journal else { return }
        let platform = configuration.platformName
        for await write in journalWrites {
            do {
                switch write {
                case .save(let draft): try await journal.saveDraft(draft, platform: platform)
                case .record(let message, let origin): try await journal.record(message, platform: platform, origin: origin)
                case .markSent(let draftId, let paymentId): try await journal.markSent(draftId: draftId, paymentId: paymentId)
                }
            } catch {
                send(.showToast(Toast(error.description, level: .error, duration: 10)))
            }
        }
    }

    /// This console's payments from the journal (shown at once, then kept live by the
    /// watcher), and the unsent draft of a run that ended abruptly.
    private func loadJournal() async {
        guard let journal else { return }
        let platform = configuration.platformName
        do {
            let entries = try await journal.payments(platform: platform).filter { $0.origin == .created }
            send(.paymentsLoaded(entries.compactMap(\.message)))
            for entry in entries {
                if let status = entry.status { await watcher.watch(id: entry.id, status: status) } else { await watcher.watch(id: entry.id) }
            }
            if let draft = try await journal.latestUnsentDraft(platform: platform) {
                send(.openDraft(draft, recovered: true))
            }
        } catch {
            send(.showToast(Toast(error.description, level: .error, duration: 10)))
        }
    }

    private func forwardWatcherEvents() async {
        for await event in watcher.events {
            switch event {
            case .changed(let change):
                journalQueue.yield(.record(change.message, .created))
                send(.paymentUpdated(change.message))
                send(.pollSucceeded(Date()))
            case .lost(_, let reason):
                send(.showToast(Toast(reason, level: .error, duration: 8)))
            case .connection(let state):
                send(.connection(Self.connection(state)))
                if case .online = state { send(.pollSucceeded(Date())) }
            }
        }
    }

    /// Reads the shown conversation every poll interval (a 304 while nothing was said), or with
    /// none shown asks the platform's health check: the transcript stays current and the status
    /// line learns at once when the platform goes away, and when it comes back.
    private func heartbeat() async {
        var failures = 0
        var loaded: String?  // the conversation last sent to the screen
        var healthCheck = true  // false on a platform without one: the configured conversation instead
        while !Task.isCancelled {
            var wait = pollInterval
            do {
                if let id = shownConversation.withLock({ $0 }) {
                    let read = try await pollAPI.conversationRead(id: id)
                    if !read.notModified || loaded != id { send(.conversationLoaded(read.conversation)) }
                    loaded = id
                } else if healthCheck {
                    do {
                        try await pollAPI.checkHealth()
                    } catch .unsupported(_, _, _), .notFound(_) {
                        healthCheck = false
                        continue
                    }
                } else if let id = configuration.conversationId {
                    _ = try await pollAPI.conversationRead(id: id)
                }
                if failures > 0 { send(.connection(.connected)) }
                failures = 0
                send(.pollSucceeded(Date()))
            } catch {
                failures += 1
                wait = min(30, pollInterval * Double(1 << min(failures, 5)))
                if error.isUnreachable {
                    send(.connection(.offline(Self.shortReason(error), retryAt: Date().addingTimeInterval(wait))))
                } else {
                    send(.connection(.degraded(error.description)))
                }
            }
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    /// The status line's view of a watcher connection state.
    static func connection(_ state: QuiqClient.ConnectionState) -> ConsoleUI.ConnectionState {
        switch state {
        case .online: .connected
        case .degraded(let reason): .degraded(reason)
        case .offline(_, let next, let reason): .offline(reason, retryAt: Date().addingTimeInterval(next))
        }
    }

    /// What the API's retry announcement means for the status line.
    static func retrying(_ error: QuiqClientError) -> ConsoleUI.ConnectionState {
        if case .unreachable(_, let reason, let retryIn) = error {
            return .offline(reason, retryAt: retryIn.map { Date().addingTimeInterval($0) })
        }
        return .degraded(error.description)
    }

    private static func shortReason(_ error: QuiqClientError) -> String {
        switch error {
        case .unreachable(_, let reason, _): reason
        case .timedOut: "no answer"
        case .serverError(_, let status): "HTTP \(status)"
        default: "error"
        }
    }
}

/// The inbox, once the UI exists: services start before the terminal is taken over (so a
/// start-up error prints plainly), and report through this from then on.
final class InboxRelay: Sendable {
    private let inbox = Mutex<ActionInbox?>(nil)

    func connect(_ inbox: ActionInbox) { self.inbox.withLock { $0 = inbox } }

    /// Sends `action` to the UI; before the UI exists there is nobody to tell.
    func send(_ action: Action) { inbox.withLock { $0 }?.send(action) }
}


