import Crypto
import Foundation
import PaymentCore
import Testing
@testable import MerchantDemo

/// Every way the page refuses: a page that says why, with the right HTTP status, and no charge.
@Suite("Refusals")
struct RefusalTests {
    @Test("A wrong or missing mirrored key is refused with 403")
    func wrongKey() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment(key: "order-1042.k~ey")
            let url = try #require(payment.paymentUrl)
            #expect(try await h.get(url).status == 200)
            let token = try #require(payment.token)
            for query in ["token=\(token)&key=wrong", "token=\(token)", "token=\(token)&key=order-1042.k~eyX"] {
                let answer = try await h.get("/pay?" + query)
                #expect(answer.status == 403)
                #expect(answer.body.contains("The link has been altered"))
            }
            // The key is checked on the POST too, not only on the page.
            let page = try await h.get(url)
            let form = try PageForm(html: page.body)
            let tampered = form.hidden.map { $0.0 == "key" ? ("key", "wrong") : $0 }
            let posted = try await h.post("/pay", form: tampered)
            #expect(posted.status == 403)
            #expect(await h.processor.totalCharges() == 0)
        }
    }

    @Test("A cancelled payment is refused with 410 and says the agent withdrew it")
    func cancelled() async throws {
        try await Harness.with { h in
            let events = h.merchant.subscribe()
            let payment = try await h.createPayment()
            try await h.cancel(payment.id)
            let answer = try await h.get(try #require(payment.paymentUrl))
            #expect(answer.status == 410)
            #expect(answer.body.contains("The agent withdrew this payment request"))
            let seen = await Harness.collect(events) { seen in seen.contains { if case .refused = $0.kind { true } else { false } } }
            #expect(seen.contains { $0.kind == .refused(reason: Refusal.cancelled.reason) && $0.paymentId == payment.id })
        }
    }

    @Test("An expired payment is refused with 410 and says the time ran out")
    func expired() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let url = try #require(payment.paymentUrl)
            let page = try await h.get(url)
            let form = try PageForm(html: page.body)
            h.clock.advance(by: 2 * 86_400)
            let answer = try await h.get(url)
            #expect(answer.status == 410)
            #expect(answer.body.contains("The time to pay has run out"))
            // A form opened before the expiry cannot be paid after it.
            let posted = try await h.post("/pay", form: form.hidden)
            #expect(posted.status == 410)
            #expect(await h.processor.totalCharges() == 0)
        }
    }

    @Test("A finished payment is refused with 409 and shows its result")
    func finished() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            _ = try await h.follow(try await h.pay(payment, card: "4000000000000002"))
            let answer = try await h.get(try #require(payment.paymentUrl))
            #expect(answer.status == 409)
            #expect(answer.body.contains("already failed"))
            #expect(answer.body.contains("Your card was declined."))
        }
    }

    @Test("Missing, malformed, forged and foreign-key tokens are refused and never reach the platform's data")
    func forgedTokens() async throws {
        try await Harness.with { h in
            let payment = try await h.createPayment()
            let other = try await h.createPayment(description: "Another order")
            let token = try #require(payment.token)
            let parts = token.split(separator: ".").map(String.init)
            try #require(parts.count == 3)

            let missing = try await h.get("/pay")
            #expect(missing.status == 400)
            #expect(missing.body.contains("missing its payment token"))

            // The payload of another payment under this payment's signature.
            let otherPayload = try #require(other.token?.split(separator: ".").map(String.init))[1]
            let header = Data(#"{"alg":"ES256","kid":"\#(try kid(of: token))","typ":"JWT"}"#.utf8)
            let foreignKey = P256.Signing.PrivateKey()
            let signingInput = "\(base64URL(header)).\(parts[1])"
            let resigned = signingInput + "." + base64URL(try foreignKey.signature(for: Data(signingInput.utf8)).rawRepresentation)
            let unsigned = base64URL(Data(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
            let hs256Header = base64URL(Data(#"{"alg":"HS256","kid":"\#(try kid(of: token))","typ":"JWT"}"#.utf8))
            let hmac = HMAC<SHA256>.authenticationCode(for: Data("\(hs256Header).\(parts[1])".utf8), using: SymmetricKey(size: .bits256))
            let unknownKid = base64URL(Data(#"{"alg":"ES256","kid":"no-such-key","typ":"JWT"}"#.utf8)) + "." + parts[1] + "." + parts[2]

            let forged = [
                "\(parts[0]).\(otherPayload).\(parts[2])",
                resigned,
                unsigned,
                "\(hs256Header).\(parts[1]).\(base64URL(Data(hmac)))",
                unknownKid,
                "\(parts[0]).\(parts[1])",
                "not-a-token",
                token + "x",
            ]
            for candidate in forged {
                let answer = try await h.get("/pay?token=\(candidate)")
                #expect(answer.status == 403, "\(candidate.prefix(40))")
                #expect(answer.body.contains("not one Quiq issued"))
                #expect(!answer.body.contains("Another order"))
                #expect(!answer.body.contains("Deposit for order"))
            }
            #expect(try await h.platformPayment(payment.id).status == .pending)
        }
    }

    @Test("Tokens signed with the platform's real key are still refused for a wrong aud or iss, or an nbf in the future")
    func wellSignedButWrongClaims() async throws {
        try await Harness.with(signingKey: true) { h in
            let key = try #require(h.signingKey)
            let payment = try await h.createPayment()
            let token = try #require(payment.token)
            let parts = token.split(separator: ".").map(String.init)
            let headerData = try #require(TokenVerifier.base64URLDecode(parts[0]))
            let claimsData = try #require(TokenVerifier.base64URLDecode(parts[1]))
            let header = try #require(try JSONSerialization.jsonObject(with: headerData) as? [String: Any])
            let claims = try #require(try JSONSerialization.jsonObject(with: claimsData) as? [String: Any])
            func signed(_ change: (inout [String: Any]) -> Void) throws -> String {
                var changed = claims
                change(&changed)
                let input = base64URL(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) + "."
                    + base64URL(try JSONSerialization.data(withJSONObject: changed, options: [.sortedKeys]))
                return input + "." + base64URL(try key.signature(for: Data(input.utf8)).rawRepresentation)
            }
            // The control: the same claims, re-signed here, are accepted, so the forge is the platform's.
            let resigned = try signed { _ in }
            #expect(try await h.get("/pay?token=\(resigned)").status == 200)

            let now = Int(h.clock.now().timeIntervalSince1970)
            let cases: [(String, (inout [String: Any]) -> Void, Int, String)] = [
                ("aud", { $0["aud"] = "another-audience" }, 403, "not one Quiq issued"),
                ("aud list", { $0["aud"] = ["another-audience"] }, 403, "not one Quiq issued"),
                ("iss", { $0["iss"] = "http://127.0.0.1:1" }, 403, "not one Quiq issued"),
                ("nbf", { $0["nbf"] = now + 3600 }, 403, "not valid yet"),
            ]
            for (name, change, status, says) in cases {
                let forged = try signed(change)
                let page = try await h.get("/pay?token=\(forged)")
                #expect(page.status == status, "\(name)")
                #expect(page.body.contains(says), "\(name)")
                #expect(!page.body.contains("Deposit for order"), "\(name)")
                // The form's target refuses it too, for the token's own reason (checked before the
                // form's CSRF field, which is bound to a token the Client trusts), before any charge.
                let posted = try await h.post("/pay", form: [("token", forged), ("csrf", "x")])
                #expect(posted.status == status, "\(name)")
                #expect(posted.body.contains(says), "\(name): \(posted.body.prefix(300))")
            }
            let reasons = h.logs.all.filter { $0.contains("Payment token refused") }
            #expect(reasons.contains { $0.contains("wrongAudience") })
            #expect(reasons.contains { $0.contains("wrongIssuer") })
            #expect(reasons.contains { $0.contains("notYetValid") })
            #expect(await h.processor.totalCharges() == 0)
        }
    }

    @Test("A forged token is announced as a page request with no payment id, then a refusal")
    func forgedTokenEvents() async throws {
        try await Harness.with { h in
            let events = h.merchant.subscribe()
            _ = try await h.get("/pay?token=not-a-token")
            let seen = await Harness.collect(events) { $0.count >= 2 }
            #expect(seen.map(\.kind) == [.pageRequested, .refused(reason: Refusal.invalidToken.reason)])
            #expect(seen.allSatisfy { $0.paymentId == nil })
        }
    }

    @Test("Start-up errors are typed and say what to do")
    func startErrors() async throws {
        let bad = MerchantConfiguration(platformURL: "ftp://example.com", clientIdentity: "i", clientSecret: "s", paymentKey: "k")
        await #expect(throws: MerchantStartError.self) { try await RunningMerchant.start(bad) }
        try await Harness.with { h in
            let port = try #require(URL(string: h.merchant.baseURL)?.port)
            var taken = MerchantConfiguration(platformURL: h.sandbox.baseURL, clientIdentity: "i", clientSecret: "s", paymentKey: "k")
            taken.port = port
            do {
                let second = try await RunningMerchant.start(taken)
                await second.stop()
                Issue.record("a second merchant bound a port already in use")
            } catch let error as MerchantStartError {
                #expect(error.description.contains("choose another port"))
            }
        }
    }

    @Test("A form issued for one payment is refused for another (CSRF bound to the payment)")
    func foreignForm() async throws {
        try await Harness.with { h in
            let first = try await h.createPayment()
            let second = try await h.createPayment()
            let firstForm = try PageForm(html: try await h.get(try #require(first.paymentUrl)).body)
            let secondForm = try PageForm(html: try await h.get(try #require(second.paymentUrl)).body)
            let firstCSRF = try #require(firstForm.hidden.first { $0.0 == "csrf" }?.1)
            let swapped = secondForm.hidden.map { $0.0 == "csrf" ? ("csrf", firstCSRF) : $0 }
            let posted = try await h.post("/pay", form: swapped)
            #expect(posted.status == 403)
            #expect(posted.body.contains("not issued for this payment"))
            let noCSRF = try await h.post("/pay", form: secondForm.hidden.filter { $0.0 != "csrf" })
            #expect(noCSRF.status == 403)
            #expect(await h.processor.totalCharges() == 0)
            #expect(try await h.platformPayment(second.id).status == .opened)
        }
    }

    private func kid(of token: String) throws -> String {
        let first = try #require(token.split(separator: ".").first)
        let header = try #require(TokenVerifier.base64URLDecode(first))
        let object = try #require(try JSONSerialization.jsonObject(with: header) as? [String: Any])
        return try #require(object["kid"] as? String)
    }

    private func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
