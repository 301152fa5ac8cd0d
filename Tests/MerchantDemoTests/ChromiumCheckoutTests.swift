import Foundation
import PaymentCore
import Testing
@testable import MerchantDemo

/// The whole user path in a real headless Chromium with JavaScript off, by typing and clicking
/// (Tests/Browser/checkout.py, Selenium): the short link, the shop's page, the processor's card
/// page, the result. It also proves the card never reached the Client: every request body and
/// query the Client's server received is recorded, and none holds the card number or the CVC.
@Suite("Checkout in headless Chromium", .serialized,
       .enabled(if: Browser.shouldRun, "\(Browser.missing ?? "") — under CI=true this fails instead"))
struct ChromiumCheckoutTests {
    /// A 4-digit code no token or id is likely to contain, so finding it anywhere means a leak.
    static let cvc = "7391"

    private func pay(_ h: Harness, card: String) async throws -> (PaymentMessage, Browser.Report) {
        // Under CI=true the suite runs even when a tool is missing, and this fails it.
        if let missing = Browser.missing { throw BrowserError("The browser tests cannot run: \(missing).") }
        let payment = try await h.createPayment()
        let shortURL = try #require(payment.shortUrl)
        #expect(shortURL.hasPrefix(h.sandbox.baseURL + "/p/"))
        let report = try await Browser.pay(shortURL: shortURL, card: card, cvc: Self.cvc)
        // The shop's page: amount, no card field; the card page: on the processor's own origin.
        #expect(report.shop_origin == h.merchant.baseURL)
        #expect(report.shop_text?.contains("$125.50") == true)
        #expect(report.shop_text?.contains("Deposit for order 1042") == true)
        #expect(report.shop_has_card_field == false)
        #expect(report.card_origin == h.merchant.processorURL)
        #expect(report.card_origin != report.shop_origin)
        #expect(report.card_text?.contains("Pay $125.50") == true)
        #expect(report.result_origin == h.merchant.baseURL)
        Self.expectCardNeverReachedClient(h, card: card)
        return (payment, report)
    }

    static func expectCardNeverReachedClient(_ h: Harness, card: String) {
        let digits = card.filter(\.isNumber)
        let received = h.clientRequests.all
        #expect(received.count >= 4, "the capture saw the page, the button, the return and the result")
        #expect(received.contains { $0.hasPrefix("GET /pay/return?") }, "the browser came back through the Client")
        for request in received {
            #expect(!request.contains(digits))
            #expect(!request.contains(card))
            #expect(!request.contains(card.replacingOccurrences(of: " ", with: "+")))
            #expect(!request.contains(card.replacingOccurrences(of: " ", with: "%20")))
            #expect(!request.contains(Self.cvc))
        }
    }

    @Test("Short link -> shop page -> processor's card page -> success page; platform paid; the card never reached the Client")
    func successThroughShortLink() async throws {
        try await Harness.with { h in
            let (payment, report) = try await pay(h, card: "4242 4242 4242 4242")
            #expect(report.outcome == "success")
            #expect(report.result_text?.contains("Payment received") == true)
            // A region of the rendered page: the notice is on screen, painted the success green.
            #expect(report.notice_background == "rgba(230, 245, 236, 1)")
            if let rect = report.notice_rect { #expect(rect.width > 200 && rect.height > 40 && rect.y < 1300) } else { Issue.record("no notice rect") }
            #expect(try await h.platformPayment(payment.id).status == .paid)
            #expect(await h.processor.chargeCount(for: payment.id) == 1)
            if let seconds = report.seconds { print("browser checkout (success) took \(seconds) s, of which Chromium start \(report.startup_seconds ?? 0) s") }
        }
    }

    @Test("Short link -> declined card -> decline page; platform failed; the card never reached the Client")
    func declineThroughShortLink() async throws {
        try await Harness.with { h in
            let (payment, report) = try await pay(h, card: "4000 0000 0000 0002")
            #expect(report.outcome == "failure")
            #expect(report.result_text?.contains("Payment failed") == true)
            #expect(report.result_text?.contains("Your card was declined.") == true)
            #expect(report.notice_background == "rgba(253, 236, 234, 1)")
            #expect(try await h.platformPayment(payment.id).status == .failed)
            #expect(await h.processor.chargeCount(for: payment.id) == 1)
            if let seconds = report.seconds { print("browser checkout (decline) took \(seconds) s") }
        }
    }
}
