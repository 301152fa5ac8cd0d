import Foundation
import PaymentCore
import Testing
@testable import MerchantDemo

/// The pure parts: card checks, escaping, the CSRF token and the override rules.
@Suite("Card form and helpers")
struct CardFormTests {
    static let november2026 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-17

    @Test("Luhn", arguments: [("4242424242424242", true), ("4000000000000002", true), ("4000000000009995", true),
                              ("4000000000000119", true), ("4242424242424241", false), ("5555555555554444", true),
                              ("378282246310005", true), ("1234567812345678", false)])
    func luhn(number: String, valid: Bool) {
        #expect(CardNumber.luhnValid(number) == valid)
    }

    @Test("Card numbers accept spaces and dashes and are masked when printed")
    func cardNumber() throws {
        let card = try CardNumber.parse("4242-4242 4242 4242").get()
        #expect(card.digits == "4242424242424242")
        #expect("\(card)" == "•••• 4242")
        #expect(!String(reflecting: card).contains("42424242"))
        #expect(throws: FieldError.self) { try CardNumber.parse("4242 42x2 4242 4242").get() }
    }

    @Test("Expiry is MM/YY and not in the past", arguments: [
        ("11/26", nil), ("12/26", nil), ("1/27", "Enter the expiry date as MM/YY, for example 04/29."),
        ("10/26", "This card has expired: use a card whose expiry date is in the future."),
        ("00/27", "The expiry month must be 01 to 12."), ("", "Enter the expiry date as MM/YY."),
        ("12 / 30", nil), ("12/99", "The expiry year is more than 20 years ahead: check the date."),
    ] as [(String, String?)])
    func expiry(typed: String, error: String?) {
        switch CardExpiry.parse(typed, now: Self.november2026) {
        case .success: #expect(error == nil)
        case .failure(let failure): #expect(failure.message == error)
        }
    }

    @Test("HTML interpolation escapes text and keeps trusted markup")
    func escaping() {
        let value = "<a href=\"x\">'&'</a>"
        let html: HTML = "<p title=\"\(value)\">\(value)</p>"
        #expect(html.rendered == "<p title=\"&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\">&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;</p>")
        let nested: HTML = "<div>\(html)</div>"
        #expect(nested.rendered.hasPrefix("<div><p title="))
    }

    @Test("The CSRF token is bound to one payment and one process")
    func formToken() {
        let tokens = FormToken()
        let issued = tokens.issue(paymentId: "a")
        #expect(tokens.isValid(issued, paymentId: "a"))
        #expect(!tokens.isValid(issued, paymentId: "b"))
        #expect(!FormToken().isValid(issued, paymentId: "a"))
        #expect(!tokens.isValid("", paymentId: "a"))
        #expect(!tokens.isValid(issued + "A", paymentId: "a"))
    }

    @Test("The mirrored key comparison")
    func sameKey() {
        #expect(CheckoutRoutes.sameKey(nil, nil))
        #expect(CheckoutRoutes.sameKey("abc", "abc"))
        #expect(!CheckoutRoutes.sameKey("abc", nil))
        #expect(!CheckoutRoutes.sameKey(nil, "abc"))
        #expect(!CheckoutRoutes.sameKey("abd", "abc"))
        #expect(!CheckoutRoutes.sameKey("abcd", "abc"))
    }

    @Test("Overrides: a tip adds a line, a partial payment only changes the amount")
    func overrides() throws {
        let details = PaymentDetails(description: "d", currency: "USD", amount: 12550,
                                     lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 5000), LineItem(name: "Wrap", quantity: 1, unitAmount: 2550)])
        var form = CheckoutForm(tip: "2.50")
        let tipped = try CheckoutValidation.validate(form, payment: details).get()
        #expect(tipped.chargeAmount == 12800)
        #expect(tipped.overrideLineItems?.count == 3)
        #expect(PaymentReply(outcome: .success, amount: tipped.chargeAmount, lineItems: tipped.overrideLineItems).violations().isEmpty)
        form.tip = nil
        form.partial = "200.00"
        guard case .failure(let failure) = CheckoutValidation.validate(form, payment: details) else {
            Issue.record("a partial payment above the amount was accepted")
            return
        }
        #expect(failure.messages["partial"] == "You can pay at most $125.50 now: lower the amount.")
        form.partial = "100"
        let partial = try CheckoutValidation.validate(form, payment: details).get()
        #expect(partial.chargeAmount == 10000 && partial.overrideLineItems == nil)
        form.partial = "125.50"
        let full = try CheckoutValidation.validate(form, payment: details).get()
        #expect(full.chargeAmount == 12550 && full.overrideLineItems == nil)
    }

    @Test("The configuration never prints its secrets")
    func configurationRedacts() {
        let configuration = MerchantConfiguration(platformURL: "http://127.0.0.1:1", clientIdentity: "id",
                                                  clientSecret: "client-secret-value", paymentKey: "payment-key-value")
        for text in ["\(configuration)", String(reflecting: configuration)] {
            #expect(!text.contains("client-secret-value"))
            #expect(!text.contains("payment-key-value"))
        }
        let descriptor = ProcessorDescriptor(baseUrl: "http://127.0.0.1:1", publishableKey: "pk_test_x", secretKey: "sk_test_secret-value")
        var processor = ProcessorConfiguration()
        processor.secretKey = "sk_test_secret-value"
        for text in ["\(descriptor)", String(reflecting: descriptor), "\(processor)"] {
            #expect(!text.contains("secret-value"))
            #expect(text.contains("<redacted>"))
        }
        // The back end's clients hold the secrets as they go on the wire; dumping them shows none.
        let client = ProcessorClient(descriptor)
        let platform = PlatformClient(baseURL: "http://127.0.0.1:1", identity: "id", secret: "client-secret-value",
                                      paymentKey: "payment-key-value")
        for text in ["\(client)", String(reflecting: client), "\(platform)", String(reflecting: platform)] {
            #expect(!text.contains("secret-value") && !text.contains("payment-key-value"))
            #expect(!text.contains(Data("id:client-secret-value".utf8).base64EncodedString()))
        }
        var dumped = ""
        dump(client, to: &dumped)
        #expect(!dumped.contains("secret-value") && dumped.contains("<redacted>"))
    }
}

@Suite("Refusal mapping")
struct RefusalMappingTests {
    @Test("Platform answers map to the right page and status")
    func platformAnswers() {
        func body(_ code: String) -> APIErrorBody { APIErrorBody(code: code, message: "m") }
        #expect(Refusal(readingVerifiedToken: .status(401, body("invalid_token"))).status == .notFound)
        #expect(Refusal(.status(401, body("invalid_token"))).status == .forbidden)
        #expect(Refusal(.status(401, body("unauthorized"))).code == "misconfigured")
        #expect(Refusal(.status(403, body("payment_key_mismatch"))).code == "misconfigured")
        #expect(Refusal(.status(404, nil)).code == "unknown_payment")
        #expect(Refusal(.status(410, body("expired"))).code == "expired")
        #expect(Refusal(.status(410, body("cancelled"))).code == "cancelled")
        #expect(Refusal(.status(429, body("too_many_attempts"))).status == .serviceUnavailable)
        #expect(Refusal(.unreachable).status == .badGateway)
        #expect(Refusal(TokenRejection.expired).status == .gone)
        #expect(Refusal(TokenRejection.unknownKey).status == .forbidden)
        #expect(Refusal(TokenRejection.keysUnavailable).status == .badGateway)
    }
}
