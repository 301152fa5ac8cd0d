import ArgumentParser
import ConsoleApp
import ConsoleUI
import Foundation
import Logging
import PaymentCore
import QuiqClient
import Sandbox
import Screen

/// `quiqpay bench board`: seeds a sandbox with N non-terminal payments through the API (in
/// parallel), then times what the board does with them, as `BoardFeed` does it (the list feed,
/// `BoardRows`, reduce, render): the first full table, unchanged refresh cycles (and the
/// requests each sent), and a refresh after 100 changes (50 cancelled, 50 created). Idle CPU
/// and resident memory of the real console are measured by `Benchmarks/board.sh`, which runs this first.
struct BoardBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Seed N payments, then time the board's first table and its refresh cycles.")

    @Option(help: "Non-terminal payments the sandbox should hold (created through the API as needed).")
    var payments = 10_000

    @Option(help: "Refresh cycles to time.")
    var cycles = 10

    @Option(help: "Concurrent creates while seeding.")
    var concurrency = 32

    @Option(name: .customLong("credentials"), help: "A running sandbox's sandbox.json; without it, an in-memory sandbox is started in this process.")
    var credentialsFile: String?

    @Flag(help: "Only seed; time nothing.")
    var seedOnly = false

    func run() async throws {
        var logger = Logger(label: "quiqpay.bench")
        logger.logLevel = .critical
        let bench = try await BenchSandbox.attach(credentialsFile: credentialsFile, logger: logger)
        let api = try bench.agentAPI(maxConnections: concurrency, logger: logger)
        do {
            try await measure(api: api, conversationId: bench.credentials.conversationId)
        } catch {
            await api.shutdown()
            await bench.stop()
            throw error
        }
        await api.shutdown()
        await bench.stop()
    }

    private func measure(api: QuiqAPI, conversationId: String) async throws {
        let clock = ContinuousClock()
        let feed = PaymentListFeed(api: api, pageSize: Self.pageSize)
        let existing = try await feed.snapshot().get().payments.count
        if existing < payments {
            let start = clock.now
            try await seed(api: api, count: payments - existing, conversationId: conversationId)
            let seconds = Self.seconds(clock.now - start)
            say(String(format: "seeded %d payments through the API in %.1f s (%.0f/s, %d in parallel)",
                       payments - existing, seconds, Double(payments - existing) / seconds, concurrency))
        }
        guard !seedOnly else { return }
        let size = Size(rows: 40, cols: 120)
        var state = AppState(size: size, now: Date())
        state = reduce(state, .switchScreen(.board)).0

        // First full table: a new feed's full pass, rows, reduce, render.
        let board = PaymentListFeed(api: api, pageSize: Self.pageSize)
        var made = BoardRows()
        func refresh() async throws -> (requests: Int, left: Int) {
            let snapshot = try await board.snapshot().get()
            let update = made.update(snapshot)
            let refresh = BoardRefresh(rows: made.rows, at: Date(), version: snapshot.version, delta: update.delta)
            let next = reduce(state, .board(.refreshed(refresh))).0
            if next != state { _ = render(next, size: size) }
            state = next
            return (snapshot.requests, update.gone.count)
        }
        let first = clock.now
        let firstRequests = try await refresh().requests
        let firstTable = Self.seconds(clock.now - first)
        let count = made.rows.count

        var times: [Double] = []
        var requests: [Int] = []
        for _ in 0..<cycles {
            let start = clock.now
            requests.append(try await refresh().requests)
            times.append(Self.seconds(clock.now - start))
        }
        times.sort()

        // 100 changes between two refreshes: 50 payments leave (cancelled), 50 arrive.
        for row in made.rows.suffix(50) { _ = try await api.cancelPayment(id: row.id) }
        try await seed(api: api, count: 50, conversationId: conversationId)
        let start = clock.now
        let changed = try await refresh()
        let changedSeconds = Self.seconds(clock.now - start)
        guard changed.left == 50, made.rows.count == count else {
            throw ValidationError("after 100 changes the board shows \(made.rows.count) payments (\(changed.left) left), not \(count) (50 left)")
        }

        say("board at \(count) payments (\(firstRequests) requests for the first table):")
        say(String(format: "  first full table          %.3f s", firstTable))
        say(String(format: "  unchanged refresh         median %.4f s  max %.4f s  (%d cycles, %d requests each)",
                   times[times.count / 2], times.last ?? 0, times.count, requests.max() ?? 0))
        say(String(format: "  refresh with 100 changes  %.4f s  (%d requests)", changedSeconds, changed.requests))
        say("  resident memory of this process: \(Self.residentMegabytes()) MB")
    }

    private func seed(api: QuiqAPI, count: Int, conversationId: String) async throws {
        let currencies = ["USD", "EUR", "JPY", "GBP", "KWD"]
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                guard next < count else { return }
                let i = next
                next += 1
                group.addTask {
                    let request = PaymentRequest(description: "Bench order \(i), widgets", currency: currencies[i % currencies.count],
                                                 amount: Int64(100 + i % 50_000), expiresInSeconds: 604_800)
                    _ = try await api.createPayment(request, conversationId: conversationId, idempotencyKey: UUID().uuidString)
                }
            }
            for _ in 0..<concurrency { add() }
            while try await group.next() != nil { add() }
        }
    }

    private func say(_ line: String) { print(line) }

    /// Items per page of the list endpoint, as the board reads it.
    static let pageSize = 100

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// VmRSS from /proc/self/status, in MB (0 where /proc is missing).
    static func residentMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
