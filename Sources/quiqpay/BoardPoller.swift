import ConsoleUI
import Foundation
import PaymentCore
import QuiqClient
import Synchronization

/// Keeps the supervisor board fed: every interval it reads all pages of the list endpoint
/// (pending and opened), re-reads the payments that left the list for their outcome, and
/// sends one `.board(.refreshed)` action. When the platform has no list endpoint it falls back
/// to the journal's payments, each read with `If-None-Match`. It only ever talks to the UI
/// through `send`, and sleeps (no polling of its own state) between refreshes.
final class BoardPoller: Sendable {
    private struct State {
        var polling = BoardPolling(intervalSeconds: 2, paused: false)
        var task: Task<Void, Never>?
        var sleeper: Task<Void, Never>?
        /// A wake-up asked for while a refresh was running: skip the next sleep.
        var wakePending = false
        var useJournal = false
        /// Ids of the last refresh, to notice which left the board.
        var known: Set<String> = []
    }

    private let api: QuiqAPI
    private let journal: Journal?
    private let platform: String
    private let send: @Sendable (Action) -> Void
    private let state = Mutex(State())
    /// Page size of the list endpoint (API.md allows up to 100).
    static let pageSize = 100

    init(api: QuiqAPI, journal: Journal?, platform: String, send: @escaping @Sendable (Action) -> Void) {
        self.api = api
        self.journal = journal
        self.platform = platform
        self.send = send
    }

    /// Starts polling if it is not running yet; otherwise refreshes now.
    func start() {
        let started: Bool = state.withLock { state in
            guard state.task == nil else { return false }
            state.task = Task { [self] in await self.loop() }
            return true
        }
        if !started { refreshNow() }
    }

    /// Ends the polling task and closes the API client, which the poller owns.
    func stop() async {
        let task = state.withLock { state in
            defer { state.task = nil }
            state.sleeper?.cancel()
            return state.task
        }
        task?.cancel()
        await task?.value
        await api.shutdown()
    }

    func refreshNow() { wake() }

    func setPolling(_ polling: BoardPolling) {
        state.withLock { $0.polling = polling }
        wake()
    }

    private func wake() {
        state.withLock { state in
            state.wakePending = true
            state.sleeper?.cancel()
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            let paused = state.withLock { state in
                state.wakePending = false
                return state.polling.paused
            }
            if !paused { await refreshOnce() }
            let sleeper: Task<Void, Never>? = state.withLock { state in
                guard !state.wakePending else { return nil }
                let seconds = state.polling.paused ? 3600 : state.polling.intervalSeconds
                let task = Task { _ = try? await Task.sleep(for: .seconds(seconds)) }
                state.sleeper = task
                return task
            }
            await sleeper?.value
        }
    }

    /// One refresh: all pages (or the journal), then the outcome of what left.
    func refreshOnce() async {
        do throws(QuiqClientError) {
            let useJournal = state.withLock { $0.useJournal }
            var rows: [BoardRow]
            var problems: [String] = []
            var source = BoardSource.list
            if useJournal {
                (rows, problems) = await journalRows()
                source = .journal
            } else {
                do {
                    rows = try await listRows()
                } catch .unsupported(operation: .listPayments, _, _) {
                    state.withLock { $0.useJournal = true }
                    (rows, problems) = await journalRows()
                    source = .journal
                }
            }
            let finished = await outcomes(leaving: rows)
            if let unread = finished.problem { problems.append(unread) }
            send(.board(.refreshed(BoardRefresh(rows: rows, finished: finished.rows, at: Date(), source: source,
                                                problem: problems.isEmpty ? nil : problems.joined(separator: " ")))))
        } catch {
            send(.board(.refreshFailed(error.description)))
        }
    }

    /// Every page of the list endpoint, pending and opened.
    func listRows() async throws(QuiqClientError) -> [BoardRow] {
        var rows: [BoardRow] = []
        var seen = Set<String>()
        for page in try await api.allPaymentRequests(status: [.pending, .opened], pageSize: Self.pageSize) {
            // A payment that moved between pages would otherwise show twice.
            for message in page.items where message.status.isActive && seen.insert(message.id).inserted {
                rows.append(BoardRow(message))
            }
        }
        return rows
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
    private func outcomes(leaving rows: [BoardRow]) async -> (rows: [BoardRow], problem: String?) {
        let gone: [String] = state.withLock { state in
            let current = Set(rows.map(\.id))
            let gone = state.known.subtracting(current)
            state.known = current
            return Array(gone)
        }
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
