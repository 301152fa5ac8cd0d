import Foundation
import Synchronization
import PaymentCore
import QuiqClient
import Testing

@Suite("PaymentWatcher against a real sandbox")
struct WatcherTests {
    /// Fast intervals so a test takes well under a second of polling.
    /// The list is used from the first payment on (`individualReadLimit: 0`), so both ways are tested.
    static let fast = WatchPolicy(concurrency: 4, youngInterval: 0.05, youngAge: 1, maxInterval: 0.2, maxOfflineRetry: 0.2,
                                  individualReadLimit: 0)

    @Test("each status change is reported once, in order, with the list endpoint", arguments: [true, false])
    func reportsChanges(useList: Bool) async throws {
        let sandbox = try await TestSandbox.start()
        let toPay = try await sandbox.createPayment(description: "to pay")
        let toFail = try await sandbox.createPayment(description: "to fail")
        let toCancel = try await sandbox.createPayment(description: "to cancel")
        var policy = Self.fast
        policy.useListEndpoint = useList
        try await withAPI(sandbox.options()) { api in
            let loops = LoopCounter()
            let watcher = PaymentWatcher(api: api, policy: policy, clock: loops.clock)
            for payment in [toPay, toFail, toCancel] { await watcher.watch(id: payment.id, status: .pending) }
            let log = EventLog()
            let running = Task { await watcher.run() }
            let collecting = Task { for await event in watcher.events { await log.append(event) } }

            #expect(try await sandbox.clientRead(token: toPay.token ?? "") == 200)
            #expect(await log.wait { $0.changes(of: toPay.id).count == 1 })
            #expect(try await sandbox.clientReply(token: toPay.token ?? "", outcome: .success) == 200)
            #expect(try await sandbox.clientReply(token: toFail.token ?? "", outcome: .failure) == 200)
            _ = try await api.cancelPayment(id: toCancel.id)

            #expect(await log.wait { events in
                events.changes(of: toPay.id).count == 2 && events.changes(of: toFail.id).count == 1
                    && events.changes(of: toCancel.id).count == 1
            })
            // Let the run loop go round a few more times: nothing may be reported twice, and
            // nothing is polled any more. Counted in the loop's own waits, not guessed in milliseconds.
            #expect(await loops.waitForMore(2))
            let settled = api.requestsSent
            #expect(await loops.waitForMore(5))
            #expect(api.requestsSent == settled)
            running.cancel()
            _ = await collecting.value

            let changes = await log.changes
            #expect(changes.filter { $0.id == toPay.id }.map { "\($0.from?.rawValue ?? "-")>\($0.to.rawValue)" } == ["pending>opened", "opened>paid"])
            #expect(changes.filter { $0.id == toFail.id }.map(\.to) == [.failed])
            #expect(changes.filter { $0.id == toCancel.id }.map(\.to) == [.cancelled])
            #expect(await watcher.activeCount == 0)
            #expect(await watcher.usesList == useList)
        }
        await sandbox.stop()
    }

    @Test("a platform without the list endpoint (404) is followed by per-payment reads")
    func fallsBackWithoutList() async throws {
        let sandbox = try await TestSandbox.start()
        let payment = try await sandbox.createPayment()
        let table = try EndpointTable.standard.overriding(["listPayments": "GET /api/v1/no-such-list", "listPaymentChanges": "off"])
        try await withAPI(sandbox.options(endpoints: table)) { api in
            let watcher = PaymentWatcher(api: api, policy: Self.fast)
            await watcher.watch(id: payment.id)
            let log = EventLog()
            let running = Task { await watcher.run() }
            let collecting = Task { for await event in watcher.events { await log.append(event) } }
            #expect(await log.wait { $0.changes(of: payment.id).count == 1 })
            let opened = try await sandbox.clientRead(token: payment.token ?? "")
            #expect(opened == 200)
            #expect(await log.wait { $0.changes(of: payment.id).count == 2 })
            running.cancel()
            _ = await collecting.value
            #expect(await watcher.usesList == false)
            let changes = await log.changes.map { "\($0.from?.rawValue ?? "-")>\($0.to.rawValue)" }
            #expect(changes == ["->pending", "pending>opened"])
        }
        await sandbox.stop()
    }

    @Test("a sandbox stopped mid-watch: offline is reported, and every change made meanwhile is caught after restart")
    func survivesRestart() async throws {
        let directory = temporaryDirectory("watcher-restart")
        let port = LoopbackProxy.freePort()
        var sandbox = try await TestSandbox.start(dataDirectory: directory, port: port)
        let first = try await sandbox.createPayment(description: "first")
        let second = try await sandbox.createPayment(description: "second")
        let options = sandbox.options(retry: .none, timeout: 1)
        try await withAPI(options) { api in
            let watcher = PaymentWatcher(api: api, policy: Self.fast)
            await watcher.watch(id: first.id, status: .pending)
            await watcher.watch(id: second.id, status: .pending)
            let log = EventLog()
            let running = Task { await watcher.run() }
            let collecting = Task { for await event in watcher.events { await log.append(event) } }
            // Stop the sandbox only once the watcher is polling it: a second list request means
            // the first cycle finished.
            let deadline = ContinuousClock.now + .seconds(10)
            while api.requestsSent < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(api.requestsSent >= 2)

            await sandbox.stop()
            #expect(await log.wait { events in
                events.contains { if case .connection(let state) = $0 { state.isOffline } else { false } }
            })
            #expect(await watcher.connection.isOffline)

            sandbox = try await TestSandbox.start(dataDirectory: directory, port: port)
            // Changes right after the restart, while the watcher is still backing off.
            #expect(try await sandbox.clientRead(token: first.token ?? "") == 200)
            #expect(try await sandbox.clientReply(token: first.token ?? "", outcome: .success) == 200)
            #expect(try await sandbox.clientReply(token: second.token ?? "", outcome: .failure) == 200)

            #expect(await log.wait { events in
                events.changes(of: first.id).count == 2 && events.changes(of: second.id).count == 1
            })
            running.cancel()
            _ = await collecting.value
            let connections = await log.connections
            let offlineIndex = connections.firstIndex { $0.isOffline }
            let onlineIndex = connections.lastIndex { $0 == .online }
            #expect(offlineIndex != nil && onlineIndex != nil && (offlineIndex ?? 0) < (onlineIndex ?? 0))
            let changes = await log.changes
            #expect(changes.filter { $0.id == first.id }.map(\.to) == [.opened, .paid])
            #expect(changes.filter { $0.id == second.id }.map(\.to) == [.failed])
        }
        await sandbox.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("with the list endpoint one request refreshes every payment; one that left the list is read once to learn its end")
    func listCycleCost() async throws {
        let sandbox = try await TestSandbox.start()
        var ids: [String] = []
        for index in 0..<5 { ids.append(try await sandbox.createPayment(description: "listed \(index)").id) }
        try await withAPI(sandbox.options()) { api in
            let watcher = PaymentWatcher(api: api, policy: Self.fast)
            for id in ids { await watcher.watch(id: id, status: .pending) }
            let quiet = await watcher.refreshAll()
            #expect(quiet.usedList && quiet.requests == 1 && quiet.changes == 0 && quiet.active == 5)

            _ = try await api.cancelPayment(id: ids[2])
            let log = EventLog()
            let collecting = Task { for await event in watcher.events { await log.append(event) } }
            let after = await watcher.refreshAll()
            #expect(after.requests == 2)
            #expect(after.changes == 1 && after.active == 4)
            let next = await watcher.refreshAll()
            #expect(next.requests == 1)
            let cancelledId = ids[2]
            #expect(await log.wait(timeout: 2) { $0.changes(of: cancelledId).map(\.to) == [.cancelled] })
            collecting.cancel()
        }
        await sandbox.stop()
    }

    @Test("a few followed payments are read one by one (a 304 each), not by paging the whole list")
    func fewAreReadOneByOne() async throws {
        let sandbox = try await TestSandbox.start()
        // Many on the platform, three followed: paging would cost more than reading the three.
        for index in 0..<150 { _ = try await sandbox.createPayment(description: "other \(index)") }
        var ids: [String] = []
        for index in 0..<3 { ids.append(try await sandbox.createPayment(description: "mine \(index)").id) }
        var policy = Self.fast
        policy.individualReadLimit = 20
        try await withAPI(sandbox.options()) { api in
            let watcher = PaymentWatcher(api: api, policy: policy)
            for id in ids { await watcher.watch(id: id, status: .pending) }
            let cycle = await watcher.refreshAll()
            #expect(!cycle.usedList && cycle.requests == 3 && cycle.changes == 0)
        }
        await sandbox.stop()
    }

    @Test("young payments are polled every youngInterval, older ones back off toward maxInterval")
    func policyShape() {
        let policy = WatchPolicy(youngInterval: 2, youngAge: 60, maxInterval: 30)
        #expect(policy.interval(age: 0) == 2)
        #expect(policy.interval(age: 59) == 2)
        #expect(policy.interval(age: 120) > policy.interval(age: 61))
        #expect(policy.interval(age: 3_600) == 30)
        let intervals = stride(from: 0.0, through: 600, by: 5).map(policy.interval(age:))
        #expect(zip(intervals, intervals.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("a full cycle over many per-payment reads keeps at most `concurrency` in flight")
    func boundedConcurrency() async throws {
        let sandbox = try await TestSandbox.start()
        var ids: [String] = []
        for index in 0..<12 { ids.append(try await sandbox.createPayment(description: "bounded \(index)").id) }
        let proxy = try LoopbackProxy(upstreamPort: sandbox.port, delay: 0.03)
        var policy = Self.fast
        policy.concurrency = 3
        policy.useListEndpoint = false
        try await withAPI(sandbox.options(baseURL: proxy.baseURL)) { api in
            let watcher = PaymentWatcher(api: api, policy: policy)
            for id in ids { await watcher.watch(id: id, status: .pending) }
            let report = await watcher.refreshAll()
            #expect(report.requests == 12)
            #expect(!report.usedList)
        }
        #expect(proxy.peak <= 3)
        #expect(proxy.peak >= 2)
        proxy.stop()
        await sandbox.stop()
    }
}

/// The system clock, counting every wait the watcher's run loop makes, so a test can let it go
/// round N more times instead of sleeping for a guessed duration.
final class LoopCounter: Sendable {
    private let waits = Atomic<Int>(0)

    var clock: PollClock {
        let system = PollClock.system
        return PollClock(now: system.now, sleep: { [self] seconds in
            try await system.sleep(seconds)
            waits.add(1, ordering: .sequentiallyConsistent)
        })
    }

    /// Waits (bounded) until the loop has waited `count` more times than now.
    func waitForMore(_ count: Int, timeout: Double = 10) async -> Bool {
        let target = waits.load(ordering: .sequentiallyConsistent) + count
        let deadline = ContinuousClock.now + .seconds(timeout)
        while waits.load(ordering: .sequentiallyConsistent) < target, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return waits.load(ordering: .sequentiallyConsistent) >= target
    }
}
