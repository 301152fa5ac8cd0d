import Foundation
import PaymentCore
import Testing
@testable import MerchantDemo

/// Headers, escaping and secrecy: what the Client's and the processor's pages send besides the payment.
@Suite("Page security")
struct PageSecurityTests {
    static func csp(formAction origin: String) -> String {
        "default-src 'none'; style-src 'self'; form-action 'self' \(origin); frame-ancestors 'none'; base-uri 'none'"
    }

    static func expectSecurityHeaders(_ answer: Answer, formAction origin: String, _ comment: Comment? = nil) {
        #expect(answer.header("Content-Security-Policy") == csp(formAction: origin), comment)
        #expect(answer.header("Content-Security-Policy")?.contains("unsafe-inline") == false, comment)
        #expect(answer.header("X-Content-Type-Options") == "nosniff", comment)
        #expect(answer.header("Referrer-Policy") == "no-referrer", comment)
        #expect(answer.header("Cache-Control") == "no-store", comment)
    }

    @Test("The Client's responses name the processor in form-action, the card page names the Client, and neither has a script")
    func headers() async throws {
        try await Harness.with { h in
            let client = h.merchant.baseURL, processor = h.merchant.processorURL
            let payment = try await h.createPayment()
            let page = try await h.get(try #require(payment.paymentUrl))
            Self.expectSecurityHeaders(page, formAction: processor, "page")
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(!page.body.lowercased().contains("<script"))
            #expect(!page.body.contains("style=\""))
            #expect(page.body.contains("<form method=\"post\" action=\"/pay\""))
            let css = try await h.get(Stylesheet.path)
            #expect(css.status == 200)
            #expect(css.header("Content-Type") == "text/css; charset=utf-8")
            Self.expectSecurityHeaders(css, formAction: processor, "stylesheet")
            Self.expectSecurityHeaders(try await h.get("/pay"), formAction: processor, "refusal")
            let missing = try await h.get("/nothing-here")
            #expect(missing.status == 404)
            Self.expectSecurityHeaders(missing, formAction: processor, "404")

            let toProcessor = try await h.toCardPage(payment)
            Self.expectSecurityHeaders(toProcessor, formAction: processor, "303 to the processor")
            let cardPage = try await h.follow(toProcessor)
            Self.expectSecurityHeaders(cardPage, formAction: client, "card page")
            #expect(!cardPage.body.lowercased().contains("<script"))
            #expect(!cardPage.body.contains("style=\""))
            #expect(cardPage.body.contains("href=\"/hosted/style.css\""))
            #expect(try await h.get(processor + "/hosted/style.css").status == 200)
            let entered = try await h.enterCard(on: cardPage, card: "4242424242424242")
            Self.expectSecurityHeaders(entered, formAction: client, "303 back to the Client")
            let returned = try await h.follow(entered)
            Self.expectSecurityHeaders(returned, formAction: processor, "303 to the result")
            Self.expectSecurityHeaders(try await h.follow(returned), formAction: processor, "result")
        }
    }

    @Test("The card page refuses an unknown publishable key and a return address that is not http(s)")
    func cardPageRefusals() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let cardURL = try #require(try await h.toCardPage(payment).header("Location"))
            let unknownKey = try await h.get(cardURL.replacing(/key=pk_test_[0-9a-f]+/, with: "key=pk_test_nope"))
            #expect(unknownKey.status == 403)
            #expect(unknownKey.body.contains("without a merchant key this processor knows"))
            let items = try #require(URLComponents(string: cardURL)?.queryItems)
            var components = try #require(URLComponents(string: h.merchant.processorURL + "/hosted/card"))
            components.queryItems = items.map { $0.name == "return" ? URLQueryItem(name: "return", value: "javascript:alert(1)") : $0 }
            let badReturn = try await h.get(try #require(components.url?.absoluteString))
            #expect(badReturn.status == 400)
            #expect(badReturn.body.contains("wrong return address"))
        }
    }

    @Test("Description, line item names and metadata are shown escaped")
    func escaping() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment(
                description: "<script>alert('pwned')</script> & \"friends\"",
                lineItems: [LineItem(name: "<img src=x onerror=alert(1)>", quantity: 1, unitAmount: 1000)],
                metadata: ["note": "\"><b>bold</b>", "<k>": "v"])
            let page = try await h.get(try #require(payment.paymentUrl))
            #expect(page.status == 200)
            #expect(!page.body.contains("<script>"))
            #expect(page.body.contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"))
            #expect(!page.body.contains("<img"))
            #expect(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(!page.body.contains("<b>bold"))
            #expect(page.body.contains("&quot;&gt;&lt;b&gt;bold&lt;/b&gt;"))
            #expect(page.body.contains("<dt>&lt;k&gt;</dt>"))
            let result = try await h.follow(try await h.pay(payment, card: "4242424242424242"))
            #expect(result.body.contains("Payment received"))
            #expect(!result.body.contains("<script>"))
            #expect(!result.body.contains("<img"))
        }
    }

    @Test("No API secret, Payment Key, processor secret, full token or card number in any response or debug-level log line, failures included; no card detail ever reaches the Client")
    func secretsNeverLeak() async throws {
        try await Harness.with { h in
            // The documented test cards plus two that the page never lists (they succeed).
            let cards = ["4242424242424242", "4000000000000002", "4000000000009995", "4000000000000119",
                         "5555555555554444", "4000056655665556"]
            var tokens: [String] = []
            for card in cards {
                let payment = try await h.createPayment(key: "k-\(card.suffix(4))")
                tokens.append(try #require(payment.token))
                _ = try await h.follow(try await h.pay(payment, card: card.chunked4, cvc: "7391"))
            }
            // Failures: a card the processor rejects, a forged token, a reused payment method, an expired payment.
            let payment = try await h.createPayment()
            tokens.append(try #require(payment.token))
            let cardPage = try await h.follow(try await h.toCardPage(payment))
            _ = try await h.enterCard(on: cardPage, card: "4242 4242 4242 4242", expiry: "01/20", cvc: "7391")
            _ = try await h.get("/pay?token=\(try #require(payment.token))x")
            _ = try await h.post("/pay", form: [("token", "x"), ("csrf", "x")])
            let back = try #require(try await h.enterCard(on: cardPage, card: "4242 4242 4242 4242", cvc: "7391").header("Location"))
            _ = try await h.follow(try await h.get(back))
            _ = try await h.get(back)
            let late = try await h.createPayment()
            tokens.append(try #require(late.token))
            let latePage = try await h.follow(try await h.toCardPage(late))
            h.clock.advance(by: 2 * 86_400)
            _ = try await h.get(try #require(try await h.enterCard(on: latePage, card: "4242424242424242", cvc: "7391").header("Location")))

            let secrets = [h.credentials.paymentKey, try #require(h.credentials.client?.secret), h.processor.descriptor.secretKey]
            let responses = h.allResponses
            // LogCapture runs at trace level, so every debug line of the Client and the processor is in here.
            let lines = h.logs.all
            #expect(responses.count > 30)
            #expect(lines.count > 30)
            #expect(lines.contains { $0.contains("card.last4=4242") })
            #expect(lines.contains { $0.contains("Payment token refused") })
            #expect(responses.contains { $0.contains("<aside class=\"testcards\">") })
            // The card page lists the documented test numbers on purpose; no typed number may come back.
            let withoutTestCardList = responses.map { $0.replacing(/<aside class="testcards">.*?<\/aside>/.dotMatchesNewlines(), with: "") }
            for haystack in withoutTestCardList + lines {
                for secret in secrets { #expect(!haystack.contains(secret)) }
                for card in cards {
                    #expect(!haystack.contains(card))
                    #expect(!haystack.contains(card.chunked4))
                }
                #expect(!haystack.contains("7391"))
            }
            for line in lines {
                for token in tokens { #expect(!line.contains(token), "a log line holds a full payment token") }
            }
            // What the Client's server received: no card number and no security code, in any spelling.
            let received = h.clientRequests.all
            #expect(received.count > 20)
            for request in received {
                for card in cards {
                    #expect(!request.contains(card))
                    #expect(!request.contains(card.chunked4.replacingOccurrences(of: " ", with: "+")))
                    #expect(!request.contains(card.chunked4.replacingOccurrences(of: " ", with: "%20")))
                }
                #expect(!request.contains("7391"))
                #expect(!request.contains("number="))
                #expect(!request.contains("cvc="))
            }
        }
    }
}

extension String {
    /// `4242 4242 4242 4242`, as people type a card number.
    var chunked4: String {
        stride(from: 0, to: count, by: 4).map { offset in
            let start = index(startIndex, offsetBy: offset)
            return String(self[start..<(index(start, offsetBy: 4, limitedBy: endIndex) ?? endIndex)])
        }.joined(separator: " ")
    }
}
