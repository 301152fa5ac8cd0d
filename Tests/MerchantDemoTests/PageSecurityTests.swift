import Foundation
import PaymentCore
import Testing
@testable import MerchantDemo

/// Headers, escaping and secrecy: what the page sends besides the payment.
@Suite("Page security")
struct PageSecurityTests {
    static let csp = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func expectSecurityHeaders(_ answer: Answer, _ comment: Comment? = nil) {
        #expect(answer.header("Content-Security-Policy") == csp, comment)
        #expect(answer.header("X-Content-Type-Options") == "nosniff", comment)
        #expect(answer.header("Referrer-Policy") == "no-referrer", comment)
        #expect(answer.header("Cache-Control") == "no-store", comment)
    }

    @Test("Every response carries the strict CSP and the other security headers, and the page has no script")
    func headers() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let page = try await h.get(try #require(payment.paymentUrl))
            Self.expectSecurityHeaders(page, "page")
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(!page.body.lowercased().contains("<script"))
            #expect(!page.body.contains("style=\""))
            #expect(page.body.contains("<form method=\"post\" action=\"/pay\""))
            let css = try await h.get(Stylesheet.path)
            #expect(css.status == 200)
            #expect(css.header("Content-Type") == "text/css; charset=utf-8")
            Self.expectSecurityHeaders(css, "stylesheet")
            Self.expectSecurityHeaders(try await h.get("/pay"), "refusal")
            let missing = try await h.get("/nothing-here")
            #expect(missing.status == 404)
            Self.expectSecurityHeaders(missing, "404")
            let posted = try await h.pay(payment, card: "4242424242424242")
            Self.expectSecurityHeaders(posted, "303")
            Self.expectSecurityHeaders(try await h.follow(posted), "result")
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

    @Test("The Payment Key, the client secret and the card number appear in no response and no log line")
    func secretsNeverLeak() async throws {
        try await Harness.with { h in
            // The documented test cards plus two that the page never lists (they succeed).
            let cards = ["4242424242424242", "4000000000000002", "4000000000009995", "4000000000000119",
                         "5555555555554444", "4000056655665556"]
            for card in cards {
                let payment = try await h.createPayment(key: "k-\(card.suffix(4))")
                _ = try await h.follow(try await h.pay(payment, card: card))
            }
            // Spaced numbers, a failed validation and a refusal go through the same checks.
            let payment = try await h.createPayment()
            let form = try PageForm(html: try await h.get(try #require(payment.paymentUrl)).body)
            _ = try await h.post("/pay", form: form.hidden + [("name", "Ada"), ("number", "4242 4242 4242 4242"), ("expiry", "01/20"), ("cvc", "123")])
            _ = try await h.post("/pay", form: [("token", "x"), ("number", "4242424242424242")])
            _ = try await h.follow(try await h.post("/pay", form: form.hidden + [("name", "Ada"), ("number", "4242 4242 4242 4242"), ("expiry", "12/34"), ("cvc", "123")]))

            let secrets = [h.credentials.paymentKey, try #require(h.credentials.client?.secret)]
            let responses = h.allResponses
            let lines = h.logs.all
            #expect(responses.count > 10)
            #expect(lines.contains { $0.contains("card.last4=4242") })
            #expect(responses.contains { $0.contains("<aside class=\"testcards\">") })
            // The page lists the documented test numbers on purpose; no typed number may come back.
            let withoutTestCardList = responses.map { $0.replacing(/<aside class="testcards">.*?<\/aside>/.dotMatchesNewlines(), with: "") }
            for haystack in withoutTestCardList + lines {
                for secret in secrets { #expect(!haystack.contains(secret)) }
                for card in cards {
                    #expect(!haystack.contains(card))
                    #expect(!haystack.contains(card.chunked4))
                }
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
