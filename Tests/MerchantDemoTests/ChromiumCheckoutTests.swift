import Foundation
import PaymentCore
import Testing
@testable import MerchantDemo

/// The payment page in a real browser: headless Chromium opens the short link the user gets,
/// the sandbox redirects it to the page, and what Chromium rendered is what is checked. The
/// page needs no JavaScript, so the form is submitted by posting the fields of the rendered
/// DOM, exactly as the browser would, and Chromium renders the page the POST leads to.
@Suite("Checkout in headless Chromium", .serialized,
       .enabled(if: Chromium.installed != nil, "chromium is not installed (apt-get install chromium; .ci/test does)"))
struct ChromiumCheckoutTests {
    private func browser() throws -> Chromium { try #require(Chromium.installed) }

    /// Opens the short link, checks the rendered page, posts its form with `card`, and returns
    /// the rendered result page and the POST's redirect target.
    private func payThroughShortLink(_ h: Harness, _ payment: PaymentMessage, card: String) async throws -> (dom: String, resultURL: String, fields: [(String, String)], action: String) {
        let chromium = try browser()
        let shortURL = try #require(payment.shortUrl)
        #expect(shortURL.hasPrefix(h.sandbox.baseURL + "/p/"))
        let page = try await chromium.dumpDOM(shortURL)
        #expect(page.contains("$125.50"), "the rendered page shows the amount")
        #expect(page.contains("Deposit for order 1042"))
        #expect(page.contains("Pay $125.50"))
        let form = try PageForm(html: page)
        let fields = form.hidden + [("name", "Grace Hopper"), ("number", card), ("expiry", "12/34"), ("cvc", "123")]
        let posted = try await h.post(h.merchant.baseURL + form.action, form: fields)
        #expect(posted.status == 303)
        let location = try #require(posted.header("Location"))
        let resultURL = h.merchant.baseURL + location
        return (try await chromium.dumpDOM(resultURL), resultURL, fields, form.action)
    }

    @Test("Short link -> page with the amount -> success card -> success page; platform paid; a second submit charges nothing")
    func successThroughShortLink() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let (dom, _, fields, action) = try await payThroughShortLink(h, payment, card: "4242 4242 4242 4242")
            #expect(dom.contains("Payment received"))
            #expect(dom.contains("data-outcome=\"success\""))
            #expect(try await h.platformPayment(payment.id).status == .paid)

            let again = try await h.post(h.merchant.baseURL + action, form: fields)
            #expect(again.status == 303)
            let second = try await browser().dumpDOM(h.merchant.baseURL + (again.header("Location") ?? ""))
            #expect(second.contains("Payment received"))
            #expect(second.contains("already been submitted"))
            #expect(await h.merchant.processor.chargeCount(for: payment.id) == 1)
            // Opening the short link again now shows that it is paid.
            let reopened = try await browser().dumpDOM(try #require(payment.shortUrl))
            #expect(reopened.contains("This payment is already complete"))
        }
    }

    @Test("Short link -> declined card -> decline page; platform failed")
    func declineThroughShortLink() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let (dom, _, _, _) = try await payThroughShortLink(h, payment, card: "4000 0000 0000 0002")
            #expect(dom.contains("Payment failed"))
            #expect(dom.contains("Your card was declined."))
            #expect(try await h.platformPayment(payment.id).status == .failed)
            #expect(await h.merchant.processor.chargeCount(for: payment.id) == 1)
        }
    }

    @Test("Screenshot of the checkout page (saved for a look)")
    func screenshot() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-merchant-checkout.png").path
            try? FileManager.default.removeItem(atPath: file)
            try await browser().screenshot(try #require(payment.shortUrl), to: file)
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(data.count > 10_000)
            #expect(data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
            print("checkout screenshot: \(file)")
        }
    }
}
