import Foundation
import PaymentCore
import QuiqClient
import Testing

/// The one list of active payments the board and the watcher read: kept by the changes feed
/// where the platform has it, paged whole where it does not.
@Suite("PaymentListFeed against a real sandbox")
struct ListFeedTests {
    @Test("with the changes feed an unchanged refresh is one request, and arrivals and departures are applied")
    func changesFeed() async throws {
        let sandbox = try await TestSandbox.start()
        for index in 0..<250 { _ = try await sandbox.createPayment(description: "active \(index)") }
        try await withAPI(sandbox.options()) { api in
            let feed = PaymentListFeed(api: api)
            let first = try await feed.snapshot().get()
            #expect(first.payments.count == 250)
            let unchanged = try await feed.snapshot().get()
            #expect(unchanged.requests == 1 && unchanged.version == first.version && unchanged.payments.count == 250)

            let arrival = try await sandbox.createPayment(description: "new one")
            _ = try await api.cancelPayment(id: first.payments[10].id)
            let changed = try await feed.snapshot().get()
            #expect(changed.requests == 1 && changed.version == first.version + 1)
            #expect(changed.payments.count == 250)
            #expect(changed.payments.first?.id == arrival.id, "newest first")
            #expect(!changed.payments.contains { $0.id == first.payments[10].id })
        }
        await sandbox.stop()
    }

    @Test("with the feed turned off the list is paged whole: 250 payments are three pages")
    func pagedWithoutFeed() async throws {
        let sandbox = try await TestSandbox.start()
        for index in 0..<250 { _ = try await sandbox.createPayment(description: "active \(index)") }
        let table = try EndpointTable.standard.overriding(["listPaymentChanges": "off"])
        try await withAPI(sandbox.options(endpoints: table)) { api in
            let feed = PaymentListFeed(api: api)
            let first = try await feed.snapshot().get()
            #expect(first.payments.count == 250 && first.requests == 3)
        }
        await sandbox.stop()
    }
}
