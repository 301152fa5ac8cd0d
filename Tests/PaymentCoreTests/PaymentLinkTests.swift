import Foundation
import Testing
@testable import PaymentCore

@Suite struct PaymentLinkTests {
    @Test func appendsTokenAndKey() throws {
        #expect(try PaymentLink.build(collectionUrl: "https://client.com/payment-page", token: "a.b.c", key: "k1")
                == "https://client.com/payment-page?token=a.b.c&key=k1")
    }

    @Test func omitsKeyWhenAbsent() throws {
        #expect(try PaymentLink.build(collectionUrl: "https://client.com/pay", token: "t", key: nil) == "https://client.com/pay?token=t")
    }

    @Test func keepsAnExistingQueryAndFragment() throws {
        #expect(try PaymentLink.build(collectionUrl: "https://client.com/pay?store=7&lang=en#form", token: "t", key: "k")
                == "https://client.com/pay?store=7&lang=en&token=t&key=k#form")
        #expect(try PaymentLink.build(collectionUrl: "https://client.com/pay?", token: "t", key: nil) == "https://client.com/pay?token=t")
    }

    @Test func percentEncodesEverythingOutsideUnreserved() throws {
        #expect(try PaymentLink.build(collectionUrl: "https://c.com/p", token: "a+b/c=", key: "é &")
                == "https://c.com/p?token=a%2Bb%2Fc%3D&key=%C3%A9%20%26")
    }

    @Test(arguments: ["http://localhost:8080/pay", "http://127.0.0.1/pay", "http://127.4.5.6:9/p", "http://[::1]:8080/pay", "https://pay.example.com"])
    func acceptsHTTPSAndLoopbackHTTP(url: String) throws {
        try PaymentLink.validate(collectionUrl: url)
    }

    @Test(arguments: [
        ("http://pay.example.com/p", CollectionURLError.notHTTPS(host: "pay.example.com")),
        ("http://127.0.0.1.evil.com/p", .notHTTPS(host: "127.0.0.1.evil.com")),
        ("http://localhost.evil.com/p", .notHTTPS(host: "localhost.evil.com")),
        ("ftp://pay.example.com", .notHTTPS(host: "pay.example.com")),
        ("https://user:pw@pay.example.com", .credentials),
        ("pay.example.com/pay", .malformed("pay.example.com/pay")),
        ("https://", .malformed("https://")),
        ("https://pay.example.com/p?token=1", .reservedParameter("token")),
    ])
    func refusesUnsafeCollectionURLs(url: String, error: CollectionURLError) {
        #expect(throws: error) { try PaymentLink.validate(collectionUrl: url) }
    }
}

@Suite struct ReplyOverrideTests {
    let requested = PaymentDetails(description: "Order", currency: "USD", amount: 12_550, lineItems: [
        LineItem(name: "Widget", quantity: 2, unitAmount: 5_000, sku: "W-1"), LineItem(name: "Shipping", quantity: 1, unitAmount: 2_550),
    ])

    @Test func noOverrideWhenTheClientChargedWhatWasAsked() {
        let reply = PaymentReplyRecord(outcome: .success, amount: 12_550, lineItems: requested.lineItems, repliedAt: "t")
        #expect(ReplyOverride(requested: requested, reply: reply).isEmpty)
    }

    @Test func showsATipAsAnAddedLineAndAPositiveDelta() {
        let tip = LineItem(name: "Tip", quantity: 1, unitAmount: 1_000)
        let reply = PaymentReplyRecord(outcome: .success, amount: 13_550, lineItems: requested.lineItems + [tip], repliedAt: "t")
        let override = ReplyOverride(requested: requested, reply: reply)
        #expect(override.amountDelta == 1_000)
        #expect(override.lineChanges == [.added(tip)])
    }

    @Test func showsAPartialPaymentAsChangedAndRemovedLines() {
        let fewer = LineItem(name: "Widget (renamed)", quantity: 1, unitAmount: 5_000, sku: "W-1")
        let reply = PaymentReplyRecord(outcome: .success, amount: 5_000, lineItems: [fewer], repliedAt: "t")
        let override = ReplyOverride(requested: requested, reply: reply)
        #expect(override.amountDelta == -7_550)
        #expect(override.lineChanges == [.changed(from: requested.lineItems[0], to: fewer), .removed(requested.lineItems[1])])
    }
}

@Suite struct ExpiryDurationTests {
    @Test(arguments: [("24h", 86_400), ("30m", 1_800), ("7d", 604_800), ("90s", 90), ("3600", 3_600), (" 2H ", 7_200)])
    func parses(text: String, seconds: Int) throws {
        #expect(try ExpiryDuration.seconds(from: text) == seconds)
        #expect(try ExpiryDuration.seconds(from: ExpiryDuration.text(for: seconds)) == seconds)
    }

    @Test(arguments: [("", ExpiryDurationError.empty), ("soon", .notADuration("soon")), ("59s", .outOfRange), ("8d", .outOfRange), ("h", .notADuration("h"))])
    func refuses(text: String, error: ExpiryDurationError) {
        #expect(throws: error) { try ExpiryDuration.seconds(from: text) }
    }
}

@Suite struct TokenInspectionTests {
    private func segment(_ json: String) -> String {
        Data(json.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    @Test func decodesHeaderAndClaimsInTheirOwnOrder() throws {
        let token = segment(#"{"alg":"ES256","kid":"k1","typ":"JWT"}"#) + "." +
            segment(#"{"iss":"http://127.0.0.1:8080","aud":"quiq-custom-pay","sub":"p1","cid":"c1","exp":1800000000}"#) + ".sig"
        let inspection = try #require(TokenInspection(token: token))
        #expect(inspection.header.map(\.name) == ["alg", "kid", "typ"])
        #expect(inspection.claims.map(\.name) == ["iss", "aud", "sub", "cid", "exp"])
        #expect(inspection.claim("exp") == "1800000000")
        #expect(inspection.claim("aud") == "quiq-custom-pay")
    }

    @Test("claims of every JSON kind are shown, a null among them (it crashed the display once: fuzz seed null-claim)")
    func showsEveryKindOfClaim() throws {
        let token = segment(#"{"alg":"ES256"}"#) + "." +
            segment(#"{"sub":null,"exp":true,"n":1.5,"list":[1,"a"],"obj":{"b":2,"a":1},"s":"x"}"#) + ".sig"
        let inspection = try #require(TokenInspection(token: token))
        #expect(inspection.claims.map(\.value) == ["null", "1", "1.5", #"[1,"a"]"#, #"{"a":1,"b":2}"#, "x"])
    }

    @Test(arguments: ["", "a.b", "not.a.jwt", "e30.e30"])
    func refusesWhatIsNotAJWT(text: String) {
        #expect(TokenInspection(token: text) == nil)
    }
}
