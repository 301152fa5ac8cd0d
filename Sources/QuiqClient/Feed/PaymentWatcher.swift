import Foundation
import Logging
import PaymentCore

/// Follows any number of payments and reports each status change once, as an AsyncStream.
///
/// Only non-terminal payments are polled. A few are read one by one with `If-None-Match`
/// (a `304` each while nothing changed). Beyond `policy.individualReadLimit`, the list of
/// active payments (`PaymentListFeed`, shared with the board) refreshes all of them in one
/// paged read, and a payment missing from it is read individually to learn how it ended;
/// on a platform without the list the watcher stays with per-payment reads. Young payments are polled
/// every `youngInterval`, older ones back off toward `maxInterval`; at most `concurrency`
/// requests are in flight, and a payment is never polled again before its last poll finished.
/// When nothing gets through the watcher reports `offline` and retries with backoff, then
/// re-reads everything, so changes made meanwhile are all reported.
public actor PaymentWatcher {
    /// Every change, loss and connection change, in order. Finishes when `run()` returns.
    public nonisolated let events: AsyncStream<WatchEvent>
    private let continuation: AsyncStream<WatchEvent>.Continuation
    private let api: QuiqAPI
    /// The shared list of active payments; nil reads every payment individually.
    private let feed: PaymentListFeed?
    private let policy: WatchPolicy
    private let clock: PollClock
    private let wallClock: @Sendable () -> Date
    private let logger: Logger

    private struct Tracked {
        var status: PaymentStatus?
        var lastChange: Double
        var nextDue: Double
    }

    private var tracked: [String: Tracked] = [:]
    public private(set) var connection: ConnectionState = .online
    private var offlineSince: Date?
    private var failedRounds = 0

    /// - Parameters:
    ///   - feed: the list of active payments to share (the console's, which the board reads
    ///     too); nil makes one over `api` when `policy.useListEndpoint`.
    ///   - wallClock: when "offline since" began, as shown to people.
    public init(api: QuiqAPI, feed: PaymentListFeed? = nil, policy: WatchPolicy = WatchPolicy(), clock: PollClock = .system,
                wallClock: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "quiqpay.watcher")) {
        self.api = api
        self.feed = policy.useListEndpoint ? (feed ?? PaymentListFeed(api: api, pageSize: policy.pageSize, clock: clock)) : nil
        self.policy = policy
        self.clock = clock
        self.wallClock = wallClock
        self.logger = logger
        (events, continuation) = AsyncStream.makeStream(of: WatchEvent.self, bufferingPolicy: .unbounded)
    }

    /// Follows a payment whose state is unknown: its first read is reported as a change from nil.
    public func watch(id: String) {
        guard tracked[id] == nil else { return }
        tracked[id] = Tracked(status: nil, lastChange: clock.now(), nextDue: clock.now())
    }

    /// Follows a payment whose state is known (just created, or from the journal): only
    /// changes after `status` are reported.
    public func watch(id: String, status: PaymentStatus) {
        if let current = tracked[id]?.status, current.isTerminal { return }
        tracked[id] = Tracked(status: status, lastChange: clock.now(), nextDue: clock.now())
    }

    /// Payments being followed that have not reached a terminal state.
    public var activeCount: Int { tracked.values.count { !($0.status?.isTerminal ?? false) } }

    /// Whether the list endpoint is in use (nil: not tried yet).
    public var usesList: Bool? { get async { await feed?.supported ?? false } }

    /// Polls until the task is cancelled, then finishes `events`.
    public func run() async {
        defer { continuation.finish() }
        while !Task.isCancelled {
            let now = clock.now()
            let active = tracked.filter { !($0.value.status?.isTerminal ?? false) }
            guard let soonest = active.values.map(\.nextDue).min() else {
                try? await clock.sleep(policy.youngInterval / 2)
                continue
            }
            if soonest > now {
                try? await clock.sleep(min(soonest - now, policy.youngInterval / 2))
                continue
            }
            let due = active.filter { $0.value.nextDue <= now }.map(\.key)
            let report = await cycle(due: due, everything: false)
            if let delay = report.retryDelay { try? await clock.sleep(delay) }
        }
    }

    /// One full refresh of every non-terminal payment, now, whatever their intervals: what
    /// the benchmark measures, and what the console does on "refresh".
    public func refreshAll() async -> CycleReport {
        let active = tracked.filter { !($0.value.status?.isTerminal ?? false) }.map(\.key)
        return await cycle(due: active, everything: true).report
    }

    // MARK: - One cycle

    private struct Outcome {
        var report: CycleReport
        var retryDelay: Double?
    }

    private enum Failure {
        case transport(QuiqClientError)
        case other(QuiqClientError)
    }

    private func cycle(due: [String], everything: Bool) async -> Outcome {
        let start = clock.now()
        let requestsBefore = api.requestsSent
        var changes = 0
        var failures: [(String, QuiqClientError)] = []
        var successes = 0
        var usedList = false

        var toRead = due
        let active = tracked.filter { !($0.value.status?.isTerminal ?? false) }
        if let feed, active.count > policy.individualReadLimit, await feed.supported != false {
            // Everything is refreshed from the list, whatever is due: one paged read costs less
            // than many single ones, and it may already have been read for the board.
            switch await feed.snapshot(maxAge: everything ? 0 : policy.youngInterval / 2) {
            case .success(let snapshot):
                usedList = true
                successes += 1
                var listed: [String: ListedPayment] = [:]
                for message in snapshot.payments where active[message.id] != nil { listed[message.id] = message }
                // The list's copy has no token, links or timeline: a payment it shows in a new
                // status (or one never seen) is read in full, and one it no longer shows, for its end.
                toRead = active.keys.filter { id in listed[id].map { $0.status != active[id]?.status } ?? true }
            case .failure(.unsupported(_, _, let status)):
                logger.info("the platform has no payment list (\(status)): reading payments one by one")
            case .failure(let error):
                failures.append(("list", error))
                toRead = []
            }
        }

        for (id, result) in await read(toRead) {
            switch result {
            case .success(let message):
                successes += 1
                changes += absorb(message)
            case .failure(.notFound):
                successes += 1
                tracked[id] = nil
                continuation.yield(.lost(id: id, reason: "the platform no longer knows payment \(id)"))
            case .failure(let error):
                failures.append((id, error))
            }
        }

        let end = clock.now()
        // A platform that said 429 is left alone for as long as it asked (Retry-After), at least one interval.
        let rateLimit = failures.compactMap { if case .rateLimited(let after) = $0.1 { max(after ?? 0, policy.youngInterval) } else { nil } }.max()
        reschedule(after: end, failed: Set(failures.map(\.0)), holdOff: rateLimit)
        let retryDelay = updateConnection(successes: successes, failures: failures.map(\.1))
        let report = CycleReport(requests: api.requestsSent - requestsBefore, duration: end - start,
                                 usedList: usedList, changes: changes, active: activeCount)
        return Outcome(report: report, retryDelay: retryDelay)
    }

    /// Reads payments individually, at most `concurrency` at once.
    private func read(_ ids: [String]) async -> [(String, Result<PaymentMessage, QuiqClientError>)] {
        guard !ids.isEmpty else { return [] }
        let api = self.api
        return await withTaskGroup(of: (String, Result<PaymentMessage, QuiqClientError>).self) { group in
            var results: [(String, Result<PaymentMessage, QuiqClientError>)] = []
            results.reserveCapacity(ids.count)
            var iterator = ids.makeIterator()
            func launch(_ id: String) {
                group.addTask { (id, await api.readPaymentResult(id: id)) }
            }
            for _ in 0..<policy.concurrency {
                guard let id = iterator.next() else { break }
                launch(id)
            }
            while let result = await group.next() {
                results.append(result)
                if let id = iterator.next() { launch(id) }
            }
            return results
        }
    }

    // MARK: - State

    /// Records a fresh read; reports each status between the known one and the new one.
    private func absorb(_ message: PaymentMessage) -> Int {
        guard var entry = tracked[message.id] else { return 0 }
        let known = entry.status
        guard known != message.status else { return 0 }
        var steps: [(PaymentStatus, String?, String?)] = []
        if let known, let events = message.events,
           let index = events.lastIndex(where: { $0.status == known }) {
            steps = events[events.index(after: index)...].map { ($0.status, $0.at, $0.note) }
            if steps.last?.0 != message.status { steps.append((message.status, message.updatedAt, nil)) }
        } else {
            let last = message.events?.last { $0.status == message.status }
            steps = [(message.status, last?.at ?? message.updatedAt, last?.note)]
        }
        var from = known
        for (status, at, note) in steps where status != from {
            continuation.yield(.changed(StatusChange(id: message.id, from: from, to: status, at: at, note: note, message: message)))
            from = status
        }
        entry.status = message.status
        entry.lastChange = clock.now()
        tracked[message.id] = entry
        return steps.count
    }

    private func reschedule(after now: Double, failed: Set<String>, holdOff: Double?) {
        let listFailed = failed.contains("list")
        for (id, entry) in tracked where !(entry.status?.isTerminal ?? false) {
            var next = entry
            if failed.contains(id) || listFailed {
                next.nextDue = now + (holdOff ?? 0)  // retried as soon as the connection (or the platform's 429) allows
            } else {
                next.nextDue = now + policy.interval(status: entry.status, age: now - entry.lastChange)
            }
            tracked[id] = next
        }
    }

    /// Works out online/degraded/offline from a cycle; returns how long to wait when offline.
    private func updateConnection(successes: Int, failures: [QuiqClientError]) -> Double? {
        guard let first = failures.first else {
            failedRounds = 0
            offlineSince = nil
            setConnection(.online)
            return nil
        }
        let transport = failures.first { $0.isUnreachable } ?? first
        if successes == 0 {
            failedRounds += 1
            let since = offlineSince ?? wallClock()
            offlineSince = since
            let cap = min(policy.maxOfflineRetry, policy.youngInterval * Double(1 << min(failedRounds - 1, 20)))
            let delay = cap / 2 + Double.random(in: 0...(cap / 2))
            setConnection(.offline(since: since, nextRetryIn: delay, reason: Self.reason(transport)))
            return delay
        }
        failedRounds = 0
        offlineSince = nil
        setConnection(.degraded(reason: "\(failures.count) of \(failures.count + successes) requests failed: \(Self.reason(transport))"))
        return nil
    }

    private func setConnection(_ state: ConnectionState) {
        let changed: Bool
        switch (connection, state) {
        case (.offline, .offline): changed = true  // every retry schedule is news
        default: changed = connection != state
        }
        connection = state
        if changed { continuation.yield(.connection(state)) }
    }

    private static func reason(_ error: QuiqClientError) -> String {
        switch error {
        case .unreachable(_, let reason, _): reason
        case .timedOut(_, let seconds): "no answer within \(QuiqClientError.seconds(seconds))"
        case .serverError(_, let status): "HTTP \(status)"
        case .rateLimited: "rate-limited"
        default: error.description
        }
    }
}
