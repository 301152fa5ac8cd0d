import Foundation
import PaymentCore
import Testing
@testable import MerchantDemo

/// The payment page over real HTTP against the real sandbox and the real processor: the
/// browser's side of steps 2-7, hop by hop.
@Suite("Checkout over HTTP against the sandbox")
struct CheckoutFlowTests {
    static let success = "4242 4242 4242 4242"
    static let declined = "4000 0000 0000 0002"
    static let insufficient = "4000 0000 0000 9995"
    static let timeout = "4000 0000 0000 0119"

    @Test("The success card pays: Client page -> processor's card page -> back with pm_ -> success page; platform paid; every step announced")
    func successCardPays() async throws {
        try await Harness.with { h in
            let events = h.merchant.subscribe()
            let payment = try await h.createPayment()
            let page = try await h.get(try #require(payment.paymentUrl))
            #expect(page.status == 200)
            #expect(page.body.contains("$125.50"))
            #expect(page.body.contains("Deposit for order 1042"))
            #expect(page.body.contains("Gift wrap"))
            #expect(page.body.contains("<dd>1042</dd>"))
            // The Client's page has no card field at all.
            #expect(!page.body.contains("name=\"number\""))
            #expect(!page.body.contains("name=\"cvc\""))

            let form = try PageForm(html: page.body)
            #expect(form.action == "/pay")
            #expect(Set(form.hidden.map(\.0)) == ["token", "csrf"])
            let toProcessor = try await h.post(form.action, form: form.hidden)
            #expect(toProcessor.status == 303)
            let cardURL = try #require(toProcessor.header("Location"))
            #expect(cardURL.hasPrefix(h.merchant.processorURL + "/hosted/card?"))
            #expect(h.merchant.processorURL != h.merchant.baseURL)
            #expect(!cardURL.contains(try #require(payment.token)), "the processor never sees the payment token")

            let cardPage = try await h.get(cardURL)
            #expect(cardPage.status == 200)
            #expect(cardPage.body.contains("Pay $125.50"))
            #expect(cardPage.body.contains("name=\"number\""))
            let entered = try await h.enterCard(on: cardPage, card: Self.success)
            #expect(entered.status == 303)
            let back = try #require(entered.header("Location"))
            #expect(back.hasPrefix(h.merchant.baseURL + "/pay/return?session=cs_"))
            #expect(back.contains("&pm=pm_"))

            let returned = try await h.get(back)
            #expect(returned.status == 303)
            #expect(returned.header("Location")?.hasPrefix("/pay/result?") == true)
            let result = try await h.follow(returned)
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
            // Step 5 is announced by the processor, which alone saw the card.
            #expect(kinds[3] == .cardSubmitted(last4: "4242"))
            // The back end reads the payment again before charging (step 6).
            if case .paymentRead = kinds[4] {} else { Issue.record("second read missing: \(kinds[4])") }
            if case .processorResult(let outcome, _, _) = kinds[5] { #expect(outcome == .success) } else { Issue.record("no charge: \(kinds[5])") }
            if case .replied(let status, _) = kinds[6] { #expect(status == 200) } else { Issue.record("no reply: \(kinds[6])") }
            #expect(seen.allSatisfy { $0.paymentId == payment.id })
            #expect(await h.processor.chargeCount(for: payment.id) == 1)
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
            let returned = try await h.pay(payment, card: card)
            #expect(returned.status == 303)
            let result = try await h.follow(returned)
            #expect(result.status == 200)
            #expect(result.body.contains("Payment failed"))
            #expect(result.body.contains(says))
            let recorded = try await h.platformPayment(payment.id)
            #expect(recorded.status == .failed)
            #expect(recorded.response?.outcome == .failure)
            #expect(recorded.response?.message?.contains(says) == true)
        }
    }

    @Test("A Client whose processor secret key is wrong says it is not set up, charges nothing, and the payment stays open")
    func wrongProcessorKey() async throws {
        try await Harness.with(processorSecretKey: "sk_test_not-the-processors") { h in
            let payment = try await h.createPayment()
            let returned = try await h.pay(payment, card: Self.success)
            #expect(returned.status == 502)
            #expect(returned.body.contains("This payment page is not set up correctly"))
            #expect(returned.body.contains("connection to its card processor is refused"))
            #expect(!returned.body.contains("sk_test_not-the-processors"))
            #expect(await h.processor.totalCharges() == 0)
            #expect(try await h.platformPayment(payment.id).status == .opened)
            #expect(h.logs.all.contains { $0.contains("refused the Client's secret key") })
            #expect(!h.logs.all.contains { $0.contains("sk_test_not-the-processors") })
        }
    }

    @Test("Coming back again, or entering another card after paying, charges nothing and shows the first result")
    func secondSubmitChargesNothing() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let pageForm = try PageForm(html: try await h.get(try #require(payment.paymentUrl)).body)
            let cardPage = try await h.follow(try await h.toCardPage(payment))
            let entered = try await h.enterCard(on: cardPage, card: Self.success)
            let back = try #require(entered.header("Location"))
            let first = try await h.get(back)
            #expect(first.status == 303)
            // The same return again (reload, back button).
            let again = try await h.get(back)
            #expect(again.status == 303)
            #expect(again.header("Location")?.contains("repeat=1") == true)
            // The payment page's button again (a page left open in another tab).
            let replay = try await h.post(pageForm.action, form: pageForm.hidden)
            #expect(replay.header("Location")?.contains("repeat=1") == true)
            let shown = try await h.follow(replay)
            #expect(shown.body.contains("Payment received"))
            #expect(shown.body.contains("already been submitted"))
            #expect(await h.processor.chargeCount(for: payment.id) == 1)
            #expect(await h.processor.totalCharges() == 1)
            #expect(try await h.platformPayment(payment.id).status == .paid)
            let reopened = try await h.get(try #require(payment.paymentUrl))
            #expect(reopened.status == 409)
            #expect(reopened.body.contains("already made"))
        }
    }

    @Test("Concurrent returns from the processor charge once")
    func concurrentSubmits() async throws {
        let gate = ChargeGate()
        try await Harness.with(gate: gate) { h in
            let payment = try await h.createPayment()
            let cardPage = try await h.follow(try await h.toCardPage(payment))
            let back = try #require(try await h.enterCard(on: cardPage, card: Self.success).header("Location"))
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await h.get(back).status } }
                // The first charge is held at the card network until every return was sent.
                await gate.awaitArrival()
                gate.open()
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == [303, 303, 303, 303])
            #expect(await h.processor.chargeCount(for: payment.id) == 1)
            #expect(try await h.platformPayment(payment.id).status == .paid)
        }
    }

    @Test("When the platform answers 409 already_replied, the page shows the first result")
    func alreadyRepliedShowsFirstResult() async throws {
        let gate = ChargeGate()
        try await Harness.with(gate: gate) { h in
            let payment = try await h.createPayment()
            let token = try #require(payment.token)
            let cardPage = try await h.follow(try await h.toCardPage(payment))
            let back = try #require(try await h.enterCard(on: cardPage, card: Self.success).header("Location"))
            let returned = Task { try await h.get(back) }
            // While the processor holds the charge, another reply reaches the platform first.
            await gate.awaitArrival()
            let direct = try await h.replyDirectly(token: token, PaymentReply(outcome: .failure, message: "Cancelled at the till."))
            #expect(direct.status == 200)
            gate.open()
            let answer = try await returned.value
            #expect(answer.status == 303)
            let shown = try await h.follow(answer)
            #expect(shown.body.contains("Payment failed"))
            #expect(shown.body.contains("Cancelled at the till."))
            #expect(try await h.platformPayment(payment.id).status == .failed)
        }
    }

    @Test("A tip and a partial payment are charged and reported as overrides")
    func overrides() async throws {
        try await Harness.with { h in
            let tipped = try await h.createPayment()
            let cardPage = try await h.follow(try await h.toCardPage(tipped, extra: [("tip", "5.00"), ("partial", "")]))
            #expect(cardPage.body.contains("Pay $130.50"), "the processor's page asks for the amount with the tip")
            let withTip = try await h.follow(try await h.follow(try await h.enterCard(on: cardPage, card: Self.success)))
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

    @Test("Amount errors on the Client's page and card errors on the processor's page are precise, keep what was typed except the card, and charge nothing")
    func validationErrors() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let badTip = try await h.toCardPage(payment, extra: [("tip", "1.234"), ("partial", "500")])
            #expect(badTip.status == 422)
            #expect(badTip.body.contains("USD allows at most 2 decimals"))
            #expect(badTip.body.contains("You can pay at most $125.50 now: lower the amount."))
            #expect(badTip.body.contains("Check the 2 fields marked below."))
            #expect(badTip.body.contains("value=\"1.234\""))

            let cardPage = try await h.follow(try await h.toCardPage(payment))
            let bad = try await h.enterCard(on: cardPage, card: "4242 4242 4242 4241", expiry: "01/20", cvc: "12", name: "Ada <Lovelace>")
            #expect(bad.status == 422)
            #expect(bad.body.contains("This card number is not valid: check it for a typo."))
            #expect(bad.body.contains("This card has expired"))
            #expect(bad.body.contains("Enter the 3 or 4 digit security code from the card."))
            #expect(bad.body.contains("Check the 3 fields marked below."))
            #expect(bad.body.contains("value=\"Ada &lt;Lovelace&gt;\""))
            #expect(bad.body.contains("value=\"01/20\""))
            #expect(!bad.body.contains("4241"))
            #expect(bad.body.contains("id=\"f-number\" name=\"number\" type=\"text\" value=\"\""))
            #expect(bad.body.contains("id=\"f-cvc\" name=\"cvc\" type=\"text\" value=\"\""), "the security code is never echoed")
            #expect(bad.body.contains("aria-invalid=\"true\""))

            let badFormat = try await h.enterCard(on: cardPage, card: "42424242", expiry: "2030-12", cvc: "12345")
            #expect(badFormat.body.contains("A card number has 12 to 19 digits"))
            #expect(badFormat.body.contains("Enter the expiry date as MM/YY, for example 04/29."))
            #expect(await h.processor.totalCharges() == 0)
            #expect(try await h.platformPayment(payment.id).status == .opened)
        }
    }

    @Test("A payment-method token for another amount or another payment is refused by the processor and nothing is charged")
    func foreignPaymentMethod() async throws {
        try await Harness.with { h in
            let first = try await h.createPayment()
            let second = try await h.createPayment()
            let firstPage = try await h.follow(try await h.toCardPage(first))
            let firstBack = try #require(try await h.enterCard(on: firstPage, card: Self.success).header("Location"))
            let firstPM = try #require(firstBack.firstMatch(of: /pm=(pm_[0-9a-f]+)/)?.1)
            // Second payment's session, first payment's token.
            let secondCard = try #require(try await h.toCardPage(second).header("Location"))
            let secondReturn = try #require(URLComponents(string: secondCard)?.queryItems?.first { $0.name == "return" }?.value)
            let swapped = try await h.get(secondReturn + "&pm=" + firstPM)
            #expect(swapped.status == 409)
            #expect(swapped.body.contains("The card entry was not accepted"))
            // Its own payment but tampered upwards on the processor's page: a token for another amount.
            let tampered = try await h.get(secondCard.replacingOccurrences(of: "amount=12550", with: "amount=1"))
            let tamperedBack = try #require(try await h.enterCard(on: tampered, card: Self.success).header("Location"))
            let refused = try await h.get(tamperedBack)
            #expect(refused.status == 409)
            #expect(await h.processor.totalCharges() == 0)
            #expect(try await h.platformPayment(second.id).status == .opened)
            // The first payment's own token still pays it.
            #expect(try await h.get(firstBack).status == 303)
            #expect(try await h.platformPayment(first.id).status == .paid)
        }
    }
}
