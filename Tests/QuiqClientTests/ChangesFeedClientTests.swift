import Foundation
import PaymentCore
import QuiqClient
import Testing

@Suite("Changes feed client")
struct ChangesFeedClientTests {
    @Test("a full pass, then each cursor brings only what changed: arrivals, moves and departures")
    func followsChanges() async throws {
        let sandbox = try await TestSandbox.start()
        let staying = try await sandbox.createPayment(description: "staying")
        let leaving = try await sandbox.createPayment(description: "leaving")
        let active: [PaymentStatus] = [.pending, .opened]
        try await withAPI(sandbox.options()) { api in
            guard case .changes(let full) = try await api.allPaymentChanges(status: active, since: nil, limit: 1) else {
                Issue.record("the sandbox has a changes feed")
                return
            }
            #expect(Set(full.items.map(\.id)) == [staying.id, leaving.id] && !full.more)
            guard case .changes(let unchanged) = try await api.paymentChanges(status: active, since: full.cursor) else {
                Issue.record("an unchanged feed answers changes")
                return
            }
            #expect(unchanged.items.isEmpty)

            _ = try await api.cancelPayment(id: leaving.id)
            let arrived = try await sandbox.createPayment(description: "arrived")
            guard case .changes(let news) = try await api.paymentChanges(status: active, since: unchanged.cursor) else {
                Issue.record("the feed answers changes")
                return
            }
            #expect(Dictionary(uniqueKeysWithValues: news.items.map { ($0.id, $0.status) }) == [leaving.id: .cancelled, arrived.id: .pending])
        }
        await sandbox.stop()
    }

    @Test("a cursor the platform does not know is cursorExpired, so the board reloads in full")
    func unknownCursor() async throws {
        let first = try await TestSandbox.start()
        let second = try await TestSandbox.start()
        _ = try await first.createPayment()
        let start = try await withAPI(first.options()) { api in try await api.paymentChanges(status: [], since: nil) }
        guard case .changes(let answer) = start else {
            Issue.record("the sandbox has a changes feed")
            return
        }
        let outcome = try await withAPI(second.options()) { api in
            try await api.paymentChanges(status: [], since: answer.cursor)
        }
        #expect(outcome == .cursorExpired)
        await first.stop()
        await second.stop()
    }

    @Test("a platform without the feed, or a config that turns it off, is unsupported: the board pages the list")
    func unsupported() async throws {
        let sandbox = try await TestSandbox.start()
        _ = try await sandbox.createPayment()
        // API.md's platform: the parameter is unknown to it, so it answers a list page.
        let ignoring = try LoopbackProxy(upstreamPort: sandbox.port) { line in
            line.replacingOccurrences(of: "changedSince=0", with: "ignored=0")
        }
        let missing = try LoopbackProxy(upstreamPort: sandbox.port) { line in
            line.contains("changedSince") ? nil : line
        }
        for proxy in [ignoring, missing] {
            let outcome = try await withAPI(sandbox.options(baseURL: proxy.baseURL)) { api in
                try await api.paymentChanges(status: [.pending], since: nil)
            }
            #expect(outcome == .unsupported)
            #expect(proxy.requestLines.withLock { $0.count } == 1)
        }
        ignoring.stop()
        missing.stop()

        let off = try EndpointTable.standard.overriding(["listPaymentChanges": "off"])
        #expect(off.isDisabled(.listPaymentChanges) && !EndpointTable.standard.isDisabled(.listPaymentChanges))
        let (turnedOff, sent, listed) = try await withAPI(sandbox.options(endpoints: off)) { api in
            let outcome = try await api.paymentChanges(status: [.pending], since: nil)
            let sent = api.requestsSent
            return (outcome, sent, try await api.paymentRequests(status: [.pending]).items.count)
        }
        #expect(turnedOff == .unsupported && sent == 0)
        #expect(listed == 1, "the list still works")
        #expect(throws: ConfigurationError.self) { try EndpointTable.standard.overriding(["createPayment": "off"]) }
        let moved = try EndpointTable.standard.overriding(["listPaymentChanges": "off"]).overriding(["listPaymentChanges": "/api/v1/payment-requests"])
        #expect(!moved.isDisabled(.listPaymentChanges))
        await sandbox.stop()
    }
}
