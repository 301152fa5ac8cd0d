import Testing
import PropertyBased
@testable import PaymentCore

private let conversation = "a918f237-0b1c-4f6e-9d2a-3c4b5d6e7f80"

private func draft(_ change: (inout PaymentDraft) -> Void = { _ in }) -> PaymentDraft {
    var d = PaymentDraft(id: "d1", conversationId: conversation, description: "Deposit for order 1042", amount: 12_550)
    change(&d)
    return d
}

@Suite struct PaymentDraftValidationTests {
    @Test func aCompleteDraftHasNoViolations() {
        #expect(draft().validate().isEmpty)
        #expect(draft { $0.amount = nil; $0.lineItems = [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000)] }.validate().isEmpty)
    }

    @Test func amountIsDerivedFromLineItemsWhenOmitted() {
        let d = draft { $0.amount = nil; $0.lineItems = [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000), LineItem(name: "Ship", quantity: 1, unitAmount: 2_550)] }
        #expect(d.total == Money(minorUnits: 12_550, currency: .usd))
        #expect(d.request.resolvedAmount == 12_550)
    }

    @Test func returnsEveryViolationAtOnceWithFieldPaths() {
        let d = draft {
            $0.conversationId = "not-a-uuid"
            $0.description = ""
            $0.amount = 1
            $0.lineItems = [LineItem(name: "ok", quantity: 1, unitAmount: 1), LineItem(name: "", quantity: 1, unitAmount: 1),
                            LineItem(name: "x", quantity: 0, unitAmount: -1)]
            $0.metadata = [MetadataEntry(key: "orderId", value: "1"), MetadataEntry(key: "orderId", value: "2"),
                           MetadataEntry(key: String(repeating: "k", count: 41), value: "v")]
            $0.key = "has space"
            $0.expiresInSeconds = 30
        }
        let fields = d.validate().map(\.field)
        #expect(fields == ["conversationId", "metadata[1]", "description", "lineItems[1].name", "lineItems[2].quantity",
                           "lineItems[2].unitAmount", "amount", "metadata[2]", "key", "expiresInSeconds"])
        // Each message says what to do, in one sentence, as the console shows it beside the field.
        #expect(d.validate().map(\.message) == [
            "Pick a conversation: its id must be a lower-case UUID.",
            "The metadata key “orderId” is used twice: rename or delete one.",
            "Enter a description the customer will recognise.",
            "Name the item.",
            "The quantity must be a whole number from 1 to 10,000.",
            "The unit price must be from 0 to 99,999,999 minor units.",
            "The amount must equal the sum of the line items (2): fix one or leave the amount out.",
            "Shorten the metadata key to at most 40 characters.",
            "Use only letters, digits and . _ ~ - in the key: it travels in the link.",
            "Choose an expiry between 1 minute and 7 days.",
        ])
    }

    @Test(arguments: [
        (nil as Int64?, [] as [LineItem], "Enter an amount, or add line items to derive it."),
        (0, [], "The amount must be at least one minor unit."),
        (100_000_000, [], "The amount is over the limit of 99,999,999 minor units."),
    ])
    func amountRules(amount: Int64?, items: [LineItem], message: String) {
        let violations = draft { $0.amount = amount; $0.lineItems = items }.validate()
        #expect(violations == [FieldViolation(field: "amount", message: message)])
    }

    @Test func overflowingLineItemsAreRefusedNotWrapped() {
        let huge = LineItem(name: "x", quantity: 10_000, unitAmount: Int64.max / 2)
        #expect(huge.amount == nil)
        let violations = draft { $0.amount = nil; $0.lineItems = [huge] }.validate()
        #expect(violations.map(\.field).contains("amount"))
    }

    @Test func limitsOnCountsAndLengths() {
        #expect(draft { $0.description = String(repeating: "é", count: 501) }.validate().map(\.field) == ["description"])
        #expect(draft { $0.description = String(repeating: "é", count: 500) }.validate().isEmpty)
        let items = (0..<101).map { LineItem(name: "i\($0)", quantity: 1, unitAmount: 1) }
        #expect(draft { $0.amount = nil; $0.lineItems = items }.validate().map(\.field) == ["lineItems"])
        let meta = (0..<51).map { MetadataEntry(key: "k\($0)", value: "v") }
        #expect(draft { $0.metadata = meta }.validate().map(\.field) == ["metadata"])
        #expect(draft { $0.key = String(repeating: "a", count: 129) }.validate().map(\.field) == ["key"])
        #expect(draft { $0.key = "A-z_0.9~" }.validate().isEmpty)
        #expect(draft { $0.expiresInSeconds = 604_801 }.validate().map(\.field) == ["expiresInSeconds"])
    }

    @Test("each create limit of API.md refuses one past it and accepts the limit itself")
    func createLimitsAtTheirBoundaries() {
        func request(name: String = "Widget", quantity: Int64 = 1, unitAmount: Int64 = 1, value: String = "v") -> PaymentRequest {
            PaymentRequest(description: "x", currency: "USD",
                           lineItems: [LineItem(name: name, quantity: quantity, unitAmount: unitAmount)], metadata: ["k": value])
        }
        #expect(request(name: String(repeating: "n", count: 200)).violations().isEmpty)
        #expect(request(name: String(repeating: "n", count: 201)).violations().map(\.field) == ["lineItems[0].name"])
        #expect(request(quantity: 10_000).violations().isEmpty)
        #expect(request(quantity: 10_001).violations().map(\.field) == ["lineItems[0].quantity"])
        #expect(request(unitAmount: 99_999_999).violations().isEmpty)
        // The unit price over the limit also makes the total over it.
        #expect(request(unitAmount: 100_000_000).violations().map(\.field) == ["lineItems[0].unitAmount", "amount"])
        #expect(request(value: String(repeating: "v", count: 500)).violations().isEmpty)
        #expect(request(value: String(repeating: "v", count: 501)).violations().map(\.field) == ["metadata.k"])
        #expect(PaymentRules.idempotencyKeyLength == 1...255)
    }

    @Test("a settings change: a Payment Key of 16 to 256 characters, an HTTPS collection URL, an expiry within 7 days")
    func settingsLimits() {
        #expect(PaymentSettingsUpdate(paymentKey: String(repeating: "k", count: 16)).violations().isEmpty)
        #expect(PaymentSettingsUpdate(paymentKey: String(repeating: "k", count: 256)).violations().isEmpty)
        #expect(PaymentSettingsUpdate(paymentKey: String(repeating: "k", count: 15)).violations().map(\.field) == ["paymentKey"])
        #expect(PaymentSettingsUpdate(paymentKey: String(repeating: "k", count: 257)).violations().map(\.field) == ["paymentKey"])
        #expect(PaymentSettingsUpdate(collectionUrl: "http://shop.example.com/pay", defaultTtlSeconds: 59).violations().map(\.field)
                == ["collectionUrl", "defaultTtlSeconds"])
        #expect(PaymentSettingsUpdate(collectionUrl: "https://shop.example.com/pay", defaultTtlSeconds: 604_800).violations().isEmpty)
    }

    @Test func unknownCurrencyInARequestIsAFieldViolation() {
        let body = PaymentRequest(description: "x", currency: "usd", amount: 100)
        #expect(body.violations().map(\.field) == ["currency"])
    }

    @Test func neverAcceptsAnAmountThatDiffersFromItsLineItemsSum() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...10_000), Gen.int(in: 1...20), Gen.int(in: -5_000...5_000)) { unit, quantity, delta in
            let items = [LineItem(name: "a", quantity: Int64(quantity), unitAmount: Int64(unit)), LineItem(name: "b", quantity: 1, unitAmount: 1)]
            let sum = Int64(unit * quantity + 1)
            let body = PaymentRequest(description: "x", currency: "USD", amount: sum + Int64(delta), lineItems: items)
            #expect(body.violations().isEmpty == (delta == 0))
        }
    }
}

@Suite struct PaymentReplyTests {
    @Test func overridesFollowTheCreateRules() {
        #expect(PaymentReply(outcome: .success).violations().isEmpty)
        #expect(PaymentReply(outcome: .success, amount: 0).violations().map(\.field) == ["amount"])
        #expect(PaymentReply(outcome: .success, amount: 500, lineItems: [LineItem(name: "a", quantity: 1, unitAmount: 400)]).violations().map(\.field) == ["amount"])
        #expect(PaymentReply(outcome: .success, lineItems: []).violations().map(\.field) == ["lineItems"])
    }
}
