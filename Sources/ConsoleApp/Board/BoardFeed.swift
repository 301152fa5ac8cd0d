import ConsoleUI
import Foundation
import PaymentCore
import QuiqClient
import Synchronization

/// Keeps the supervisor board fed: every interval it takes the active payments from the
/// console's one `PaymentListFeed` (the watcher reads the same), re-reads the payments that
/// left the board for their outcome, and sends one `.board(.refreshed)` and the board's health.
/// When the platform has no list it falls back to the journal's payments, each read with
/// `If-None-Match`. It only ever talks to the UI through `send`, and sleeps between refreshes.
final class BoardFeed: Sendable {
    private struct State {
        var polling = BoardPolling(intervalSeconds: 2, paused: false)
        var started = false
        /// Ids of the last refresh from the journal, to notice which left the board.
        var known: Set<String> = []
        /// The rows made of the list's snapshots: only what changed is made into rows again
        /// (and sent as a delta), and an unchanged list (same version) is not looked at.
        var rows = BoardRows()
    }

    private let api: QuiqAPI
    private let list: PaymentListFeed
    private let journal: Journal?
    private let platform: String
    private let state = Mutex(State())
    private let alarm = Alarm()

    init(api: QuiqAPI, list: PaymentListFeed, journal: Journal?, platform: String) {
        self.api = api
        self.list = list
        self.journal = journal
        self.platform = platform
    }

    /// Whether `run` should begin polling: the first `.refreshBoard` starts it.
    func start(_ polling: BoardPolling) {
        state.withLock {
            $0.polling = polling
            $0.started = true
        }
        alarm.ring()
    }

    func setPolling(_ polling: BoardPolling) {
        state.withLock { $0.polling = polling }
        alarm.ring()
    }

    /// Polls from the first `start` until cancelled.
    func run(send: @escaping @Sendable (Action) -> Void) async {
        while !Task.isCancelled {
            let (started, polling) = state.withLock { ($0.started, $0.polling) }
            if started, !polling.paused { await refreshOnce(send: send) }
            await alarm.sleep(seconds: started && !polling.paused ? Double(polling.intervalSeconds) : 3600)
        }
    }

    /// One refresh: the list (or the journal), then the outcome of what left.
    func refreshOnce(send: @escaping @Sendable (Action) -> Void) async {
        var rows: [BoardRow]
        let gone: [String]
        var problems: [String] = []
        var source = BoardSource.list
        var version: Int?
        var delta: BoardDelta?
        switch await list.snapshot(maxAge: 0) {
        case .success(let snapshot):
            (rows, gone, delta) = state.withLock { state in
                let update = state.rows.update(snapshot)
                return (state.rows.rows, update.gone, update.delta)
            }
            version = snapshot.version
        case .failure(.unsupported):
            (rows, problems) = await journalRows()
            source = .journal
            gone = state.withLock { [rows] state in
                let current = Set(rows.map(\.id))
                let gone = state.known.subtracting(current)
                state.known = current
                return Array(gone)
            }
        case .failure(let error):
            send(.board(.refreshFailed(error.description)))
            let interval = state.withLock { $0.polling.intervalSeconds }
            send(.health(.board, HealthReport.failure(error, retryIn: Double(interval))))
            return
        }
        let finished = await outcomes(of: gone)
        if let unread = finished.problem { problems.append(unread) }
        let problem = problems.isEmpty ? nil : problems.joined(separator: " ")
        send(.board(.refreshed(BoardRefresh(rows: rows, finished: finished.rows, at: Date(), source: source, problem: problem,
                                            version: version, delta: delta))))
        send(.health(.board, problem.map { .degraded($0) } ?? .ok(at: Date())))
    }

    /// The journal's payments of this platform that were still active, read again (`304` when
    /// unchanged), with a sentence for what could not be read or recorded.
    func journalRows() async -> (rows: [BoardRow], problems: [String]) {
        guard let journal else { return ([], []) }
        let entries: [JournalEntry]
        do throws(JournalError) {
            entries = try await journal.payments(platform: platform)
        } catch {
            return ([], [error.description])
        }
        let ids = entries.filter { $0.status?.isActive ?? true }.map(\.id)
        let read = await readAll(ids)
        var problems = read.problem.map { [$0] } ?? []
        for message in read.messages {
            do throws(JournalError) {
                try await journal.record(message, platform: platform)
            } catch {
                problems.append(error.description)
                break  // one sentence is enough: the journal is the same for every payment
            }
        }
        return (read.messages.filter(\.status.isActive).map(BoardRow.init), problems)
    }

    /// The payments of the previous refresh missing from this one, read for their final status.
    private func outcomes(of gone: [String]) async -> (rows: [BoardRow], problem: String?) {
        guard !gone.isEmpty else { return ([], nil) }
        let read = await readAll(Array(gone.prefix(200)))
        return (read.messages.filter(\.status.isTerminal).map(BoardRow.init), read.problem)
    }

    /// Reads payments, eight at a time. Those that cannot be read are left out and counted in
    /// `problem` ("2 of 40 payments could not be read: ..."), with the first reason.
    private func readAll(_ ids: [String]) async -> (messages: [PaymentMessage], problem: String?) {
        let results = await withTaskGroup(of: Result<PaymentMessage, QuiqClientError>.self) { group in
            var results: [Result<PaymentMessage, QuiqClientError>] = []
            var next = 0
            func add() {
                guard next < ids.count else { return }
                let id = ids[next]
                next += 1
                group.addTask { [api] in await api.readPaymentResult(id: id) }
            }
            for _ in 0..<8 { add() }
            while let result = await group.next() {
                results.append(result)
                add()
            }
            return results
        }
        var messages: [PaymentMessage] = []
        var failures: [QuiqClientError] = []
        for result in results {
            switch result {
            case .success(let message): messages.append(message)
            case .failure(let error): failures.append(error)
            }
        }
        guard let first = failures.first else { return (messages, nil) }
        return (messages, "\(failures.count) of \(ids.count) payments could not be read: \(first.description)")
    }
}
