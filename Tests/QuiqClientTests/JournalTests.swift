import Foundation
import PaymentCore
import QuiqClient
import Testing

@Suite("Journal")
struct JournalTests {
    static func message(_ id: String, _ status: PaymentStatus, events: [PaymentStatus]) -> PaymentMessage {
        PaymentMessage(id: id, conversationId: "c", status: status, createdAt: "2026-01-01T00:00:00Z",
                       expiresAt: "2026-01-02T00:00:00Z", payment: PaymentDetails(description: "d", currency: "USD", amount: 100),
                       events: events.enumerated().map { PaymentEvent(at: "2026-01-01T00:00:0\($0.offset)Z", status: $0.element, note: "n") })
    }

    @Test("payments, their state and events survive a reopen and are shared with a second console")
    func payments() async throws {
        let path = temporaryDirectory("journal") + "/quiqpay/journal.sqlite"
        let first = try Journal(path: path)
        try await first.record(Self.message("p1", .pending, events: [.pending]), platform: "sandbox", origin: .created)
        try await first.follow(id: "p2", platform: "sandbox")
        try await first.record(Self.message("live", .pending, events: [.pending]), platform: "https://acme.goquiq.com")

        let second = try Journal(path: path)  // another console on the same machine
        try await second.record(Self.message("p1", .paid, events: [.pending, .opened, .paid]), platform: "sandbox")

        let reopened = try Journal(path: path)
        let entries = try await reopened.payments(platform: "sandbox")
        #expect(Set(entries.map(\.id)) == ["p1", "p2"])
        let p1 = try #require(try await reopened.payment(id: "p1"))
        #expect(p1.status == .paid && p1.origin == .created && p1.message?.status == .paid)
        #expect(try await reopened.payment(id: "p2")?.status == nil)
        #expect(try await reopened.events(paymentId: "p1").map(\.status) == [.pending, .opened, .paid])
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("the most recent unsent draft is recovered; sent and discarded ones are not")
    func drafts() async throws {
        let path = temporaryDirectory("journal") + "/journal.sqlite"
        let journal = try Journal(path: path)
        var draft = PaymentDraft(id: "d1", conversationId: "c", description: "first")
        try await journal.saveDraft(draft, platform: "sandbox")
        draft.description = "first, edited"
        try await journal.saveDraft(draft, platform: "sandbox")
        try await journal.saveDraft(PaymentDraft(id: "d2", conversationId: "c", description: "second"), platform: "sandbox")
        try await journal.markSent(draftId: "d2", paymentId: "p")

        let afterCrash = try Journal(path: path)
        #expect(try await afterCrash.latestUnsentDraft(platform: "sandbox")?.description == "first, edited")
        #expect(try await afterCrash.latestUnsentDraft(platform: "other") == nil)
        try await afterCrash.discardDraft(id: "d1")
        #expect(try await afterCrash.latestUnsentDraft(platform: "sandbox") == nil)
    }

    @Test("an unusable journal path is one sentence")
    func unusable() {
        #expect(throws: JournalError.self) { try Journal(path: "/proc/quiqpay/journal.sqlite") }
    }
}
