import ArgumentParser
import Foundation
import Logging
import PaymentCore
import QuiqpayFiles
import QuiqClient

/// `quiqpay bench watcher`: the watcher following many non-terminal payments.
struct WatcherBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watcher",
        abstract: "Time full refresh cycles of the watcher over many pending payments, with the list endpoint and with per-payment reads.",
        discussion: """
            Runs against the configured platform (normally a local `quiqpay sandbox`). Tops the \
            platform up to --payments pending payments, then measures, for each mode, one warm-up \
            cycle and --cycles measured cycles: wall time, requests, and this process's CPU seconds \
            (getrusage), which are the watcher's alone since the sandbox runs in another process.
            """)

    @Option(name: .customLong("credentials"), help: "A running sandbox's sandbox.json; without it, an in-memory sandbox is started in this process.")
    var credentialsFile: String?

    @Flag(help: "Print one JSON object per mode.")
    var json = false

    @Option(help: "Pending payments to follow.")
    var payments: Int = 10_000

    @Option(help: "Measured cycles per mode.")
    var cycles: Int = 3

    @Option(help: "Requests in flight at most.")
    var concurrency: Int = 16

    @Option(name: .customLong("page-size"), help: "Items per page of the list endpoint.")
    var pageSize: Int = 100

    enum Mode: String, ExpressibleByArgument, CaseIterable { case list, perPayment = "per-payment", both }

    @Option(help: "Which way to refresh: list, per-payment or both.")
    var mode: Mode = .both

    struct Figures: Encodable {
        var mode: String
        var payments: Int
        var warmupSeconds: Double
        var cycleSeconds: Double
        var requestsPerCycle: Int
        var cpuSecondsPerCycle: Double
    }

    func run() async throws {
        var logger = Logger(label: "quiqpay.bench")
        logger.logLevel = .critical
        let bench = try await BenchSandbox.attach(credentialsFile: credentialsFile, logger: logger)
        let seeding = try bench.agentAPI(logger: logger)
        let ids: [String]
        do {
            ids = try await topUp(seeding, conversationId: bench.credentials.conversationId)
        } catch {
            await seeding.shutdown()
            await bench.stop()
            throw error
        }
        await seeding.shutdown()
        for useList in [true, false] where mode == .both || (mode == .list) == useList {
            let api = try bench.agentAPI(retry: RetryPolicy(maxAttempts: 2), maxConnections: concurrency, logger: logger)
            let policy = WatchPolicy(concurrency: concurrency, pageSize: pageSize, useListEndpoint: useList, individualReadLimit: 0)
            let watcher = PaymentWatcher(api: api, policy: policy)
            for id in ids { await watcher.watch(id: id, status: .pending) }
            let warm = await watcher.refreshAll()
            var seconds = 0.0
            var requests = 0
            var cpu = 0.0
            for _ in 0..<max(1, cycles) {
                let before = Self.cpuSeconds()
                let report = await watcher.refreshAll()
                cpu += Self.cpuSeconds() - before
                seconds += report.duration
                requests += report.requests
            }
            await api.shutdown()
            let n = Double(max(1, cycles))
            let figures = Figures(mode: useList ? "list" : "per-payment", payments: ids.count, warmupSeconds: warm.duration,
                                  cycleSeconds: seconds / n, requestsPerCycle: Int((Double(requests) / n).rounded()),
                                  cpuSecondsPerCycle: cpu / n)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                print(String(decoding: try encoder.encode(figures), as: UTF8.self))
            } else {
                print(String(format: "%-12@ %6d payments  cycle %.3f s (warm-up %.3f s)  %6d requests/cycle  %.3f CPU-s/cycle",
                             figures.mode as NSString, figures.payments, figures.cycleSeconds, figures.warmupSeconds,
                             figures.requestsPerCycle, figures.cpuSecondsPerCycle))
            }
        }
        await bench.stop()
    }

    /// The ids of `payments` pending payments, creating as many as are missing.
    private func topUp(_ api: QuiqAPI, conversationId: String) async throws -> [String] {
        var ids: [String] = []
        var cursor: String?
        repeat {
            let page = try await api.paymentRequests(status: [.pending], limit: 100, after: cursor)
            ids += page.items.map(\.id)
            cursor = page.items.isEmpty ? nil : page.next
        } while cursor != nil && ids.count < payments
        ids = Array(ids.prefix(payments))
        let missing = payments - ids.count
        guard missing > 0 else { return ids }
        note("creating \(missing) pending payments ...")
        let created = try await withThrowingTaskGroup(of: String.self) { group in
            var made: [String] = []
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask {
                    let request = PaymentRequest(description: "bench \(index)", currency: "USD", amount: 100)
                    return try await api.createPayment(request, conversationId: conversationId,
                                                       idempotencyKey: UUID().uuidString.lowercased()).id
                }
            }
            while next < min(missing, 32) { launch() }
            while let id = try await group.next() {
                made.append(id)
                if made.count % 1_000 == 0 { note("  \(made.count) created") }
                if next < missing { launch() }
            }
            return made
        }
        return ids + created
    }

    private func note(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
