@testable import ConsoleApp
import ConsoleUI
import Foundation
import Logging
import PaymentCore
import QuiqClient
import Sandbox
import Synchronization
import Testing

/// The board's data path as the console runs it (`PaymentListFeed`, `BoardRows`, `BoardFeed`)
/// against a real sandbox over loopback HTTP: what a refresh shows is what the platform lists.
@Suite("Board feed against a real sandbox")
struct BoardFeedTests {
    /// The sandbox's time, moved by the test.
    final class ManualTime: Sendable {
        private let value = Mutex(Date())
        var now: Date { value.withLock { $0 } }
        func advance(seconds: TimeInterval) { value.withLock { $0 += seconds } }
    }

    /// What a `BoardFeed` sent.
    final class Sent: Sendable {
        let actions = Mutex<[Action]>([])
    }

    /// A sandbox whose clock the test moves, and an agent's `QuiqAPI` on it.
    struct Platform {
        let sandbox: RunningSandbox
        let api: QuiqAPI
        let time: ManualTime

        static func start(endpoints: EndpointTable = .standard) async throws -> Platform {
            var quiet = Logger(label: "test.sandbox")
            quiet.logLevel = .critical
            let time = ManualTime()
            let clock = SandboxClock { time.now }
            let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, sweepInterval: .seconds(3600), logger: quiet, clock: clock))
            let agent = try #require(sandbox.credentials.agent)
            let api = QuiqAPI(options: QuiqAPI.Options(baseURL: sandbox.baseURL, credentials: Credentials(identity: agent.identity, secret: agent.secret),
                                                       endpoints: endpoints, timeout: 5,
                                                       retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.05)))
            return Platform(sandbox: sandbox, api: api, time: time)
        }

        func stop() async {
            await api.shutdown()
            await sandbox.stop()
        }

        /// A payment good for a week, so moving the clock a day on expires none.
        func create(_ description: String) async throws -> PaymentMessage {
            try await api.createPayment(PaymentRequest(description: description, currency: "USD", amount: 1_250, expiresInSeconds: 604_800),
                                        conversationId: sandbox.credentials.conversationId, idempotencyKey: UUID().uuidString.lowercased())
        }

        /// The Client reads the payment (step 3): it moves to opened.
        func open(_ payment: PaymentMessage) async throws {
            let client = try #require(sandbox.credentials.client)
            let read = try await PlainHTTP().send("GET", sandbox.baseURL + "/api/v1/messaging/custom-interactions/\(try #require(payment.token))",
                                                  user: client.identity, password: client.secret)
            #expect(read.status == 200)
        }

        /// The active payments as the plain list pages them (no changes feed): the truth a board must show.
        func listed() async throws -> [String: PaymentStatus] {
            let pages = try await api.allPaymentRequests(status: [.pending, .opened], pageSize: 100)
            return Dictionary(pages.flatMap(\.items).map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// One `refreshOnce` of a `BoardFeed`, and the refresh it sent.
    static func refresh(_ feed: BoardFeed) async throws -> BoardRefresh {
        let sent = Sent()
        await feed.refreshOnce { action in sent.actions.withLock { $0.append(action) } }
        let actions = sent.actions.withLock { $0 }
        let refreshes = actions.compactMap { action -> BoardRefresh? in
            if case .board(.refreshed(let refresh)) = action { return refresh }
            return nil
        }
        return try #require(refreshes.first, "the refresh sent \(actions)")
    }

    static func shown(_ refresh: BoardRefresh) -> [String: PaymentStatus] {
        Dictionary(refresh.rows.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("payments that change, leave and arrive between two refreshes: one request, the rows are the list, the leavers finished")
    func changesLeavesArrivals() async throws {
        let platform = try await Platform.start()
        do {
            var payments: [PaymentMessage] = []
            for index in 0..<30 { payments.append(try await platform.create("order \(index)")) }
            let list = PaymentListFeed(api: platform.api)
            let feed = BoardFeed(api: platform.api, list: list, journal: nil, platform: "test")
            let first = try await Self.refresh(feed)
            #expect(Self.shown(first) == (try await platform.listed()) && first.rows.count == 30)
            #expect(first.finished.isEmpty)

            try await platform.open(payments[3])
            _ = try await platform.api.cancelPayment(id: payments[7].id)
            _ = try await platform.api.cancelPayment(id: payments[8].id)
            platform.time.advance(seconds: 1)  // the sandbox's clock stands still: the arrivals are a second younger
            let arrivals = [try await platform.create("new 1"), try await platform.create("new 2")]
            let before = try await list.snapshot().get()
            #expect(before.requests == 1, "the changes feed brings every change in one request")

            let second = try await Self.refresh(feed)
            let shown = Self.shown(second)
            #expect(shown == (try await platform.listed()), "the board shows what the platform lists")
            #expect(shown[payments[3].id] == .opened)
            #expect(shown[payments[7].id] == nil && shown[payments[8].id] == nil)
            #expect(arrivals.allSatisfy { shown[$0.id] == .pending })
            #expect(Set(second.rows.prefix(2).map(\.id)) == Set(arrivals.map(\.id)), "newest first")
            #expect(Dictionary(second.finished.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
                    == [payments[7].id: .cancelled, payments[8].id: .cancelled], "the two that left are read for their outcome")

            let unchanged = try await Self.refresh(feed)
            #expect(unchanged.rows == second.rows && unchanged.finished.isEmpty)
        } catch {
            await platform.stop()
            throw error
        }
        await platform.stop()
    }

    @Test("a cursor older than the feed keeps (a day and more) is answered by a full reload, and the board is right after it")
    func expiredCursorReloads() async throws {
        let platform = try await Platform.start()
        do {
            var payments: [PaymentMessage] = []
            for index in 0..<5 { payments.append(try await platform.create("order \(index)")) }
            let list = PaymentListFeed(api: platform.api)
            let feed = BoardFeed(api: platform.api, list: list, journal: nil, platform: "test")
            _ = try await Self.refresh(feed)

            platform.time.advance(seconds: 25 * 3600)
            _ = try await platform.api.cancelPayment(id: payments[0].id)
            let arrival = try await platform.create("after a day")
            let sentBefore = platform.api.requestsSent
            let reloaded = try await Self.refresh(feed)
            // 410 cursor_expired, then the full pass; then the outcome read of the one that left.
            #expect(platform.api.requestsSent - sentBefore == 3)
            let shown = Self.shown(reloaded)
            #expect(shown == (try await platform.listed()))
            #expect(shown[arrival.id] == .pending && shown[payments[0].id] == nil && shown.count == 5)
            #expect(reloaded.finished.map(\.id) == [payments[0].id])

            let next = try await list.snapshot().get()
            #expect(next.requests == 1, "the new cursor is followed again")
        } catch {
            await platform.stop()
            throw error
        }
        await platform.stop()
    }

    @Test("a platform with no changes feed (the endpoint table turns it off): the board pages the list and is just as right")
    func withoutChangesFeed() async throws {
        let table = try EndpointTable.standard.overriding(["listPaymentChanges": "off"])
        let platform = try await Platform.start(endpoints: table)
        do {
            var payments: [PaymentMessage] = []
            for index in 0..<120 { payments.append(try await platform.create("order \(index)")) }
            let list = PaymentListFeed(api: platform.api)
            let feed = BoardFeed(api: platform.api, list: list, journal: nil, platform: "test")
            let first = try await Self.refresh(feed)
            #expect(first.rows.count == 120)

            try await platform.open(payments[100])
            _ = try await platform.api.cancelPayment(id: payments[5].id)
            let arrival = try await platform.create("new")
            let snapshot = try await list.snapshot().get()
            #expect(snapshot.requests == 2, "two pages of 100, and no call of the changes feed")

            let second = try await Self.refresh(feed)
            let shown = Self.shown(second)
            #expect(shown == (try await platform.listed()))
            #expect(shown[payments[100].id] == .opened && shown[payments[5].id] == nil && shown[arrival.id] == .pending)
            #expect(second.finished.map(\.id) == [payments[5].id])
        } catch {
            await platform.stop()
            throw error
        }
        await platform.stop()
    }
}
