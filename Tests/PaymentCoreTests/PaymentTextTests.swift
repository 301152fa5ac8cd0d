import PaymentCore
import Testing

/// A payment as `quiqpay status` prints it: one fact a line, amounts in the payment's currency.
@Suite("Payment as text")
struct PaymentTextTests {
    static func message(currency: String, response: PaymentReplyRecord? = nil, events: [PaymentEvent]? = nil) -> PaymentMessage {
        PaymentMessage(id: "p-1", conversationId: "c-1", status: response == nil ? .pending : .paid,
                       createdAt: "2026-12-01T10:00:00Z", expiresAt: "2026-12-02T10:00:00Z",
                       payment: PaymentDetails(description: "Deposit", currency: currency, amount: 12_550,
                                               lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 6_275)],
                                               metadata: ["z": "1", "a": "2"]),
                       shortUrl: "https://q.example/p/1", response: response, events: events)
    }

    @Test("every fact on its own line; metadata sorted by key; a reply and the timeline after")
    func detail() {
        let reply = PaymentReplyRecord(outcome: .success, amount: 12_550, lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 6_275)], transactionId: "t-9", message: "thanks",
                                       repliedAt: "2026-12-01T10:05:00Z")
        let events = [PaymentEvent(at: "2026-12-01T10:00:00Z", status: .pending, note: "created"),
                      PaymentEvent(at: "2026-12-01T10:05:00Z", status: .paid, note: "charged")]
        let lines = Self.message(currency: "USD", response: reply, events: events).detailText.split(separator: "\n").map(String.init)
        #expect(lines == [
            "payment      p-1",
            "status       paid",
            "description  Deposit",
            "amount       USD 125.50",
            "  item       2 × Widget at USD 62.75",
            "  meta       a=2",
            "  meta       z=1",
            "conversation c-1",
            "created      2026-12-01T10:00:00Z",
            "expires      2026-12-02T10:00:00Z",
            "short link   https://q.example/p/1",
            "response     success, USD 125.50, transaction t-9, “thanks” at 2026-12-01T10:05:00Z",
            "events",
            "  2026-12-01T10:00:00Z  pending    created",
            "  2026-12-01T10:05:00Z  paid       charged",
        ])
    }

    @Test("an amount in a code that is no ISO 4217 currency is shown as its minor units, never as dollars")
    func unknownCurrency() {
        let text = Self.message(currency: "XQQ").detailText
        #expect(text.contains("amount       12550 XQQ minor units"))
        #expect(!text.contains("USD"))
    }
}
