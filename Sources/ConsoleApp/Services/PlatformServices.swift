import ConsoleUI
import Foundation
import Logging
import PaymentCore
import QuiqClient
import QuiqpayFiles
import Sandbox

/// Everything the console talks to, started once per run and shared by every screen: one
/// `QuiqAPI` (one connection pool), the one `PaymentListFeed` the watcher and the board both
/// read, the watcher, the heartbeat, the board feed, the journal and, with no site configured,
/// the embedded sandbox and reference Client (in memory for `quiqpay demo`). Each part reports
/// to the UI only through `send`, as `Action`s; `EffectPerformer` is the one caller of its work.
public final class PlatformServices: Sendable {
    public let configuration: ConsoleConfiguration
    public let paths: DataPaths
    /// The in-process platform and reference Client (nil against a live site, or a sandbox
    /// another process serves).
    public let platform: EmbeddedPlatform?
    let api: QuiqAPI
    let list: PaymentListFeed
    let watcher: PaymentWatcher
    let heartbeat: Heartbeat
    let board: BoardFeed
    let journal: JournalWriter
    let demo: DemoPayments
    private let journalWarning: String?
    private let tasks = TaskSet()
    private let relay: InboxRelay

    /// A configured site whose `/healthz` said it is a quiqpay sandbox: the banner says SANDBOX.
    private let siteIsSandbox: Bool

    private init(configuration: ConsoleConfiguration, paths: DataPaths, platform: EmbeddedPlatform?, keepsJournal: Bool,
                 demo: DemoPayments.Options, logger: Logger, siteIsSandbox: Bool = false) {
        self.siteIsSandbox = siteIsSandbox
        self.configuration = configuration
        self.paths = paths
        self.platform = platform
        let relay = InboxRelay()
        self.relay = relay
        // Calls that must get through (create, cancel) retry with backoff and say so; reads do
        // not, the pollers back off themselves.
        var options = configuration.apiOptions()
        options.readRetry = .none
        let api = QuiqAPI(options: options, logger: logger) { relay.send(.health(.send, HealthReport.retrying($0))) }
        self.api = api
        let interval = configuration.mode.isSandbox ? 1 : configuration.watch.youngInterval
        var policy = configuration.watch
        policy.youngInterval = interval
        let list = PaymentListFeed(api: api, pageSize: policy.pageSize)
        self.list = list
        let watcher = PaymentWatcher(api: api, feed: list, policy: policy, logger: logger)
        self.watcher = watcher
        heartbeat = Heartbeat(api: api, interval: interval, idleInterval: configuration.idleInterval,
                              fallbackConversation: configuration.conversationId) { await watcher.activeCount > 0 }
        var journal: Journal?
        var warning: String?
        if keepsJournal {
            do {
                journal = try Journal(path: paths.journalPath)
            } catch {
                warning = "\(error) Drafts are not saved this time."
            }
        }
        journalWarning = warning
        self.journal = JournalWriter(journal: journal, platform: configuration.platformName)
        board = BoardFeed(api: api, list: list, journal: journal, platform: configuration.platformName)
        self.demo = DemoPayments(api: api, conversationId: configuration.conversationId, options: demo)
    }

    /// How a console run finds its platform.
    public enum Launch: Sendable {
        /// `QUIQ_SITE` (or `--site`, `config.yaml`); else a sandbox another process serves from
        /// the data folder; else the embedded sandbox and reference Client, started here.
        case configured
        /// `quiqpay demo`: an in-memory sandbox and reference Client, whatever is configured,
        /// and the demo's payments (with `--autopilot`, the user too).
        case demo(DemoOptions)
    }

    /// What `quiqpay demo` sets.
    public struct DemoOptions: Sendable {
        public var autopilot: Bool
        public var loop: Bool
        public var decline: Bool
        public var pause: Duration
        public var processorDelay: Duration

        public init(autopilot: Bool = false, loop: Bool = false, decline: Bool = false, pause: Duration = .seconds(2),
                    processorDelay: Duration = .milliseconds(800)) {
            self.autopilot = autopilot
            self.loop = loop
            self.decline = decline
            self.pause = pause
            self.processorDelay = processorDelay
        }
    }

    /// Resolves the configuration and starts what the run needs. Nothing is left running when
    /// this throws.
    public static func start(_ launch: Launch, flags: ConsoleConfiguration.Flags, paths: DataPaths,
                             environment: [String: String]) async throws(ConsoleStartError) -> PlatformServices {
        // Logs would scribble over the full-screen console.
        let logger = Logger(label: "quiqpay.console") { _ in SwiftLogNoOpLogHandler() }
        switch launch {
        case .demo(let options):
            let platform = try await EmbeddedPlatform.start(SandboxConfiguration(logger: logger),
                                                            processorDelay: options.processorDelay, logger: logger)
            let configuration: ConsoleConfiguration
            do {
                configuration = try ConsoleConfiguration.resolve(flags: flags, paths: paths, environment: environment,
                                                                 embeddedSandbox: platform.sandbox.credentials, ignoringSite: true)
            } catch {
                await platform.stop()
                throw .configuration(error)
            }
            let demo = DemoPayments.Options(autopilot: options.autopilot, loop: options.loop, decline: options.decline,
                                            pause: options.pause)
            // The demo's payments live and die with its in-memory platform: no journal.
            return PlatformServices(configuration: configuration, paths: paths, platform: platform, keepsJournal: false,
                                    demo: demo, logger: logger)
        case .configured:
            var first: ConsoleConfiguration?
            do {
                first = try ConsoleConfiguration.resolve(flags: flags, paths: paths, environment: environment)
            } catch .noSandbox, .invalidSandboxFile {
                // No sandbox yet (or a broken sandbox.json): the one started below rewrites it.
            } catch {
                throw .configuration(error)
            }
            let reusable = if let first { first.mode.isSandbox ? await servedElsewhere(first, logger: logger) : true } else { false }
            if let first, reusable {
                let siteIsSandbox = first.mode.isSandbox ? false : await reportsSandbox(first, logger: logger)
                return PlatformServices(configuration: first, paths: paths, platform: nil, keepsJournal: true,
                                        demo: DemoPayments.Options(), logger: logger, siteIsSandbox: siteIsSandbox)
            }
            let platform = try await EmbeddedPlatform.start(SandboxConfiguration(
                host: "127.0.0.1", port: 0, dataDirectory: paths.sandboxDirectory, logger: logger), logger: logger)
            do {
                let configuration = try ConsoleConfiguration.resolve(flags: flags, paths: paths, environment: environment)
                return PlatformServices(configuration: configuration, paths: paths, platform: platform, keepsJournal: true,
                                        demo: DemoPayments.Options(), logger: logger)
            } catch {
                await platform.stop()
                throw .configuration(error)
            }
        }
    }

    /// Whether the sandbox of `configuration` answers already (a `quiqpay sandbox` or another
    /// console on the same folder): then it is used rather than started a second time. An
    /// authenticated read, so a sandbox.json left by a sandbox that is gone, whose port another
    /// server took since, does not pass. 5 s: a loaded machine answers late, and a wrong
    /// "nobody there" starts a second sandbox. One payment of the list, not the conversation: a
    /// conversation holds all its payments (20 MB and 2 s at 100,000), the page one; the
    /// conversation only where the list is not found.
    private static func servedElsewhere(_ configuration: ConsoleConfiguration, logger: Logger) async -> Bool {
        let conversation = configuration.conversationId
        do throws(QuiqClientError) {
            try await probe(configuration, timeout: 5, logger: logger) { api throws(QuiqClientError) in
                guard let conversation else { _ = try await api.checkHealth(); return }
                do throws(QuiqClientError) {
                    _ = try await api.paymentRequests(limit: 1)
                } catch .unsupported(_, _, _) {
                    // A list pointed elsewhere in config.yaml: the conversation, as before.
                    _ = try await api.conversation(id: conversation)
                }
            }
            return true
        } catch .certificate {
            return true  // a server is there; its certificate error is the heartbeat's to show
        } catch {
            return false
        }
    }

    /// Whether the site's `/healthz` says it is a quiqpay sandbox. A site that does not answer
    /// within 2 s, or does not say, is live: LIVE is shown only for what is not known to be a sandbox
    /// (an unreachable site is the heartbeat's to report).
    private static func reportsSandbox(_ configuration: ConsoleConfiguration, logger: Logger) async -> Bool {
        let platform = try? await probe(configuration, timeout: 2, logger: logger) { api throws(QuiqClientError) in try await api.checkHealth() }
        return platform == SandboxPlatform.name
    }

    /// One look at the configured platform before the services start, on a client of its own
    /// without retries: what `read` returned, or its error (the caller's question then has its
    /// safe answer).
    private static func probe<T: Sendable>(_ configuration: ConsoleConfiguration, timeout: Double, logger: Logger,
                                           _ read: (QuiqAPI) async throws(QuiqClientError) -> T) async throws(QuiqClientError) -> T {
        var options = configuration.apiOptions(retry: RetryPolicy.none)
        options.timeout = timeout
        let api = QuiqAPI(options: options, logger: logger)
        let answer: Result<T, QuiqClientError>
        do throws(QuiqClientError) {
            answer = .success(try await read(api))
        } catch {
            answer = .failure(error)
        }
        await api.shutdown()
        return try answer.get()
    }

    /// What the UI is told of the platform once it exists.
    var platformInfo: PlatformInfo {
        let sandbox = configuration.mode.isSandbox || siteIsSandbox
        let host = configuration.baseURL.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        return PlatformInfo(mode: sandbox ? .sandbox : .live, site: sandbox ? "sandbox " + host : host,
                            baseURL: configuration.baseURL, conversationId: configuration.conversationId,
                            currency: configuration.currency,
                            collectionUrl: platform?.merchant.collectionURL ?? configuration.sandbox?.collectionUrl,
                            vantage: platform == nil ? .agentSide : .wholeFlow)
    }

    /// Starts reporting to `inbox`: the platform, the journal's payments and any unsent draft,
    /// then the watcher's events, the heartbeat, the board feed and the handshake's events.
    func attach(to inbox: ActionInbox) {
        relay.connect(inbox)
        let send = relay.send
        send(.platform(platformInfo))
        if let journalWarning { send(.showToast(Toast(journalWarning, level: .error, duration: 10))) }
        tasks.spawn { [journal] in await journal.run(send: send) }
        tasks.spawn { await self.loadJournal() }
        tasks.spawn { [watcher] in await watcher.run() }
        tasks.spawn { await self.forwardWatcherEvents() }
        tasks.spawn { [heartbeat] in await heartbeat.run(send: send) }
        tasks.spawn { [board] in await board.run(send: send) }
        if let platform {
            tasks.spawn { await HandshakeFeed.forward(platform.sandbox, send: send) }
            tasks.spawn { await HandshakeFeed.forward(platform.merchant, send: send) }
        }
        if demo.startsAlone { send(.handshake(.newPayment)) }
    }

    /// The Handshake screen's `n`: the demo payment, followed like any payment this console sent.
    func createDemoPayment() async {
        await demo.run(send: send) { [journal, watcher] message in
            journal.enqueue(.record(message, .created))
            await watcher.watch(id: message.id, status: message.status)
        }
    }

    /// Stops every task, the watcher, the in-process servers and the HTTP client.
    public func stop() async {
        journal.finish()
        await tasks.cancelAll()
        await demo.shutdown()
        await api.shutdown()
        await platform?.stop()
    }

    // MARK: - Work the performer asks for

    func spawn(_ body: @escaping @Sendable () async -> Void) { tasks.spawn(body) }

    var send: @Sendable (Action) -> Void { relay.send }

    func create(_ draft: PaymentDraft) async {
        do throws(QuiqClientError) {
            let message = try await api.createPayment(draft)
            journal.enqueue(.record(message, .created))
            journal.enqueue(.markSent(draftId: draft.id, paymentId: message.id))
            await watcher.watch(id: message.id, status: message.status)
            send(.health(.send, .ok(at: Date())))
            send(.sent(draftId: draft.id, message))
        } catch {
            var fields: [FieldViolation] = []
            if case .rejected(_, _, _, let reported) = error { fields = reported }
            // The send is over: its failure is the toast's to tell, not the status line's to keep.
            send(.health(.send, nil))
            send(.sendFailed(draftId: draft.id, message: error.description, fields: fields))
        }
    }

    func cancel(_ id: String) async {
        do throws(QuiqClientError) {
            let message = try await api.cancelPayment(id: id)
            // A payment of someone else's (cancelled from the board) stays someone else's.
            journal.enqueue(.record(message, .watched))
            send(.health(.send, .ok(at: Date())))
            send(.paymentUpdated(message))
            send(.showToast(Toast("Payment cancelled.", level: .success)))
        } catch {
            send(.health(.send, nil))
            send(.showToast(Toast(error.description, level: .error, duration: 10)))
        }
    }

    /// Posts the payment's link into its conversation again; the answer (the payment with its
    /// `link resent` event) updates every screen, and the detail reads the transcript again.
    func resendLink(_ id: String) async {
        do throws(ResendError) {
            let message = try await api.resendLink(id: id)
            journal.enqueue(.record(message, .watched))
            send(.health(.send, .ok(at: Date())))
            send(.linkResent(message))
        } catch {
            send(.health(.send, nil))
            send(.showToast(Toast(error.description, level: .error, duration: 10)))
        }
    }

    /// This console's payments from the journal (shown at once, then kept live by the
    /// watcher), and the unsent draft of a run that ended abruptly.
    private func loadJournal() async {
        guard let journal = journal.journal else { return }
        let platform = configuration.platformName
        do throws(JournalError) {
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
                journal.enqueue(.record(change.message, .watched))
                send(.paymentUpdated(change.message))
                send(.health(.watcher, .ok(at: Date())))
            case .lost(_, let reason):
                send(.showToast(Toast(reason, level: .error, duration: 8)))
            case .connection(let state):
                send(.health(.watcher, HealthReport.watcher(state)))
            }
        }
    }
}
