import Foundation
import PaymentCore
import Testing
@testable import MerchantDemo

/// The payment page over real HTTP against the real sandbox: the browser's side of steps 2-7.
@Suite("Checkout over HTTP against the sandbox")
struct CheckoutFlowTests {
    static let success = "4242 4242 4242 4242"
    static let declined = "4000 0000 0000 0002"
    static let insufficient = "4000 0000 0000 9995"
    static let timeout = "4000 0000 0000 0119"

    @Test("The success card pays: success page, platform paid, every step announced")
    func successCardPays() async throws {
        try await Harness.with { h in
            let events = h.merchant.subscribe()
            let payment = try await h.createPayment()
            let page = try await h.get(try #require(payment.paymentUrl))
            #expect(page.status == 200)
            #expect(page.body.contains("$125.50"))
            #expect(page.body.contains("Deposit for order 1042"))
            #expect(page.body.contains("Gift wrap"))
            #expect(page.body.contains("$50.00"))
            #expect(page.body.contains("<dd>1042</dd>"))

            let form = try PageForm(html: page.body)
            #expect(form.action == "/pay")
            #expect(Set(form.hidden.map(\.0)) == ["token", "csrf"])
            let posted = try await h.post(form.action, form: form.hidden + [("name", "Ada Lovelace"), ("number", Self.success),
                                                                             ("expiry", "12/34"), ("cvc", "123")])
            #expect(posted.status == 303)
            #expect(posted.header("Location")?.hasPrefix("/pay/result?") == true)
            let result = try await h.follow(posted)
            #expect(result.status == 200)
            #expect(result.body.contains("Payment received"))
            #expect(result.body.contains("data-outcome=\"success\""))
            #expect(result.body.contains("$125.50"))

            let recorded = try await h.platformPayment(payment.id)
            #expect(recorded.status == .paid)
            #expect(recorded.response?.outcome == .success)
            #expect(recorded.response?.transactionId?.hasPrefix("txn_") == true)
            #expect(recorded.response?.amount == 12550)
            if let transaction = recorded.response?.transactionId { #expect(result.body.contains(transaction)) }

            let seen = await Harness.collect(events) { seen in seen.contains { if case .replied = $0.kind { true } else { false } } }
            let kinds = seen.map(\.kind)
            #expect(kinds.count == 7)
            guard kinds.count == 7 else { return }
            #expect(kinds[0] == .pageRequested)
            if case .paymentRead(let read) = kinds[1] { #expect(read.id == payment.id) } else { Issue.record("step 3 missing: \(kinds[1])") }
            #expect(kinds[2] == .pageServed)
            // The POST reads the payment again before charging (step 6).
            if case .paymentRead = kinds[3] {} else { Issue.record("second read missing: \(kinds[3])") }
            #expect(seen.filter { $0.kind == .cardSubmitted(last4: "4242") }.count == 1)
            let processed = seen.compactMap { event -> PaymentOutcome? in
                if case .processorResult(let outcome, _, _) = event.kind { outcome } else { nil }
            }
            #expect(processed == [.success])
            let replied = seen.compactMap { event -> Int? in if case .replied(let status, _) = event.kind { status } else { nil } }
            #expect(replied == [200])
            #expect(seen.allSatisfy { $0.paymentId == payment.id })
            #expect(await h.merchant.processor.chargeCount(for: payment.id) == 1)
        }
    }

    @Test("Declined, insufficient-funds and timeout cards fail, and the page says which", arguments: [
        (declined, "Your card was declined."),
        (insufficient, "insufficient funds"),
        (timeout, "did not answer in time"),
    ])
    func failingCards(card: String, says: String) async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let posted = try await h.pay(payment, card: card)
            #expect(posted.status == 303)
            let result = try await h.follow(posted)
            #expect(result.status == 200)
            #expect(result.body.contains("Payment failed"))
            #expect(result.body.contains(says))
            let recorded = try await h.platformPayment(payment.id)
            #expect(recorded.status == .failed)
            #expect(recorded.response?.outcome == .failure)
            #expect(recorded.response?.message?.contains(says) == true)
        }
    }

    @Test("A second submit charges nothing and shows the first result")
    func secondSubmitChargesNothing() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let page = try await h.get(try #require(payment.paymentUrl))
            let form = try PageForm(html: page.body)
            let fields = form.hidden + [("name", "Ada"), ("number", Self.success), ("expiry", "12/34"), ("cvc", "123")]
            let first = try await h.post(form.action, form: fields)
            #expect(first.status == 303)
            // The same form again (double click, back button), then a replay with another card.
            let again = try await h.post(form.action, form: fields)
            #expect(again.status == 303)
            #expect(again.header("Location")?.contains("repeat=1") == true)
            let replay = try await h.post(form.action, form: form.hidden + [("name", "Ada"), ("number", Self.declined),
                                                                            ("expiry", "12/34"), ("cvc", "123")])
            let shown = try await h.follow(replay)
            #expect(shown.body.contains("Payment received"))
            #expect(shown.body.contains("already been submitted"))
            #expect(await h.merchant.processor.chargeCount(for: payment.id) == 1)
            #expect(await h.merchant.processor.totalCharges() == 1)
            #expect(try await h.platformPayment(payment.id).status == .paid)
            // Reopening the link now refuses the page and says it is paid.
            let reopened = try await h.get(try #require(payment.paymentUrl))
            #expect(reopened.status == 409)
            #expect(reopened.body.contains("already made"))
        }
    }

    @Test("Concurrent submits of one payment reach the processor once")
    func concurrentSubmits() async throws {
        try await Harness.with(processorDelay: .milliseconds(200)) { h in
            let payment = try await h.createPayment()
            let page = try await h.get(try #require(payment.paymentUrl))
            let form = try PageForm(html: page.body)
            let fields = form.hidden + [("name", "Ada"), ("number", Self.success), ("expiry", "12/34"), ("cvc", "123")]
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await h.post(form.action, form: fields).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == [303, 303, 303, 303])
            #expect(await h.merchant.processor.chargeCount(for: payment.id) == 1)
            #expect(try await h.platformPayment(payment.id).status == .paid)
        }
    }

    @Test("When the platform answers 409 already_replied, the page shows the first result")
    func alreadyRepliedShowsFirstResult() async throws {
        try await Harness.with(processorDelay: .milliseconds(600)) { h in
            let events = h.merchant.subscribe()
            let payment = try await h.createPayment()
            let token = try #require(payment.token)
            let page = try await h.get(try #require(payment.paymentUrl))
            let form = try PageForm(html: page.body)
            let submit = Task {
                try await h.post(form.action, form: form.hidden + [("name", "Ada"), ("number", Self.success),
                                                                   ("expiry", "12/34"), ("cvc", "123")])
            }
            // While the processor works, another reply reaches the platform first.
            _ = await Harness.collect(events) { seen in seen.contains { if case .cardSubmitted = $0.kind { true } else { false } } }
            let direct = try await h.replyDirectly(token: token, PaymentReply(outcome: .failure, message: "Cancelled at the till."))
            #expect(direct.status == 200)
            let posted = try await submit.value
            #expect(posted.status == 303)
            let shown = try await h.follow(posted)
            #expect(shown.body.contains("Payment failed"))
            #expect(shown.body.contains("Cancelled at the till."))
            #expect(try await h.platformPayment(payment.id).status == .failed)
        }
    }

    @Test("A tip and a partial payment are reported as overrides")
    func overrides() async throws {
        try await Harness.with { h in
            let tipped = try await h.createPayment()
            let withTip = try await h.follow(try await h.pay(tipped, card: Self.success, extra: [("tip", "5.00"), ("partial", "")]))
            #expect(withTip.body.contains("$130.50"))
            #expect(withTip.body.contains("Requested $125.50; paid $130.50."))
            let record = try #require(try await h.platformPayment(tipped.id).response)
            #expect(record.amount == 13050)
            #expect(record.lineItems.last?.name == "Tip")
            #expect(record.lineItems.last?.unitAmount == 500)

            let partial = try await h.createPayment()
            let part = try await h.follow(try await h.pay(partial, card: Self.success, extra: [("partial", "25"), ("tip", "")]))
            #expect(part.body.contains("Requested $125.50; paid $25.00."))
            #expect(try await h.platformPayment(partial.id).response?.amount == 2500)
        }
    }

    @Test("Card errors are precise, inline, keep what was typed except the card number, and charge nothing")
    func validationErrors() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let page = try await h.get(try #require(payment.paymentUrl))
            let form = try PageForm(html: page.body)
            let bad = try await h.post(form.action, form: form.hidden + [("name", "Ada <Lovelace>"), ("number", "4242 4242 4242 4241"),
                                                                         ("expiry", "01/20"), ("cvc", "12"), ("tip", "1.234")])
            #expect(bad.status == 422)
            #expect(bad.body.contains("This card number is not valid: check it for a typo."))
            #expect(bad.body.contains("This card has expired"))
            #expect(bad.body.contains("Enter the 3 or 4 digit security code from the card."))
            #expect(bad.body.contains("USD allows at most 2 decimals"))
            #expect(bad.body.contains("Check the 4 fields marked below."))
            #expect(bad.body.contains("value=\"Ada &lt;Lovelace&gt;\""))
            #expect(bad.body.contains("value=\"01/20\""))
            #expect(bad.body.contains("value=\"12\""))
            #expect(bad.body.contains("value=\"1.234\""))
            #expect(!bad.body.contains("4241"))
            #expect(bad.body.contains("id=\"f-number\" name=\"number\" type=\"text\" value=\"\""))
            #expect(bad.body.contains("aria-invalid=\"true\""))

            let badMonth = try await h.post(form.action, form: form.hidden + [("name", "Ada"), ("number", "4242424242424242"),
                                                                              ("expiry", "13/30"), ("cvc", "123")])
            #expect(badMonth.status == 422)
            #expect(badMonth.body.contains("The expiry month must be 01 to 12."))
            let badFormat = try await h.post(form.action, form: form.hidden + [("name", "Ada"), ("number", "42424242"),
                                                                               ("expiry", "2030-12"), ("cvc", "12345")])
            #expect(badFormat.body.contains("A card number has 12 to 19 digits"))
            #expect(badFormat.body.contains("Enter the expiry date as MM/YY, for example 04/29."))
            #expect(await h.merchant.processor.totalCharges() == 0)
            #expect(try await h.platformPayment(payment.id).status == .opened)
        }
    }
}
