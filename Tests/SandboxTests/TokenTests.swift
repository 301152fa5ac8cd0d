import Crypto
import Foundation
import PaymentCore
import Testing
@testable import Sandbox

/// Every forgery of API.md's list is `401 invalid_token`; a well-signed token past `exp` is `410`.
@Suite("Payment tokens")
struct TokenTests {
    /// A sandbox on disk (so the test can read the real signing key), one payment, its token.
    struct Fixture {
        let harness: Harness
        let payment: PaymentMessage
        let token: String
        let header: [String: Any]
        let claims: [String: Any]
        let signingKey: P256.Signing.PrivateKey
        let publicPEM: String
    }

    func withFixture(_ body: (Fixture) async throws -> Void) async throws {
        let directory = temporaryDirectory()
        let harness = try await Harness.start(dataDirectory: directory)
        do {
            let payment = try await harness.create()
            let token = try #require(payment.token)
            let (header, claims) = try TokenForge.parts(of: token)
            let pem = try String(contentsOfFile: directory + "/signing-key.pem", encoding: .utf8)
            let key = try P256.Signing.PrivateKey(pemRepresentation: pem)
            try await body(Fixture(harness: harness, payment: payment, token: token, header: header, claims: claims,
                                   signingKey: key, publicPEM: key.publicKey.pemRepresentation))
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func expectInvalid(_ fixture: Fixture, _ forged: String, _ comment: Comment) async throws {
        let read = try await fixture.harness.clientRead(forged)
        #expect(read.status == 401, comment)
        #expect(read.error?.code == "invalid_token", comment)
        let reply = try await fixture.harness.reply(forged, #"{"outcome":"success"}"#)
        #expect(reply.status == 401, comment)
    }

    @Test("a token read many times stays valid, and its tampered spellings stay refused after it was accepted")
    func repeatedReads() async throws {
        try await withFixture { f in
            for _ in 0..<3 { #expect(try await f.harness.clientRead(f.token).status == 200) }
            let parts = f.token.split(separator: ".").map(String.init)
            var claims = f.claims
            claims["sub"] = UUID().uuidString.lowercased()
            try await expectInvalid(f, "\(parts[0]).\(try TokenForge.json(claims)).\(parts[2])", "claims swapped under an accepted signature")
            try await expectInvalid(f, parts[0] + "." + parts[1] + "." + String(parts[2].dropLast(4)), "accepted token truncated")
            #expect(try await f.harness.clientRead(f.token).status == 200)
        }
    }

    @Test("the claims are those of API.md, and a token re-signed with the real key and the same claims is accepted")
    func control() async throws {
        try await withFixture { f in
            #expect(f.header["alg"] as? String == "ES256")
            #expect(f.claims["iss"] as? String == f.harness.sandbox.baseURL)
            #expect(f.claims["aud"] as? String == "quiq-custom-pay")
            #expect(f.claims["sub"] as? String == f.payment.id)
            #expect(f.claims["cid"] as? String == f.payment.conversationId)
            #expect(f.claims["jti"] is String && f.claims["iat"] is Int && f.claims["nbf"] is Int)
            let exp = try #require(f.claims["exp"] as? Int)
            #expect(Timestamp.rfc3339(milliseconds: Int64(exp) * 1000) == f.payment.expiresAt)
            let resigned = try TokenForge.es256(header: f.header, claims: f.claims, key: f.signingKey)
            #expect(try await f.harness.clientRead(resigned).status == 200)
        }
    }

    @Test("alg none, HS256 keyed with the public key, another EC key, truncation and tampered claims are 401")
    func forgeries() async throws {
        try await withFixture { f in
            var none = f.header
            none["alg"] = "none"
            try await expectInvalid(f, try TokenForge.unsigned(header: none, claims: f.claims), "alg none")

            var hs = f.header
            hs["alg"] = "HS256"
            try await expectInvalid(f, try TokenForge.hs256(header: hs, claims: f.claims, secret: Data(f.publicPEM.utf8)), "HS256 with public PEM")
            let raw = f.signingKey.publicKey.x963Representation
            try await expectInvalid(f, try TokenForge.hs256(header: hs, claims: f.claims, secret: raw), "HS256 with raw public key")

            try await expectInvalid(f, try TokenForge.es256(header: f.header, claims: f.claims, key: P256.Signing.PrivateKey()), "other EC key")
            try await expectInvalid(f, String(f.token.dropLast(12)), "truncated signature")
            try await expectInvalid(f, f.token.split(separator: ".").prefix(2).joined(separator: "."), "no signature")

            let other = try await f.harness.create()
            var tampered = f.claims
            tampered["sub"] = other.id
            let pieces = f.token.split(separator: ".")
            try await expectInvalid(f, "\(pieces[0]).\(try TokenForge.json(tampered)).\(pieces[2])", "tampered sub")
            try await expectInvalid(f, "garbage", "not a JWT")
        }
    }

    @Test("unknown kid, wrong aud, wrong iss and nbf in the future are 401 even when signed with the real key")
    func wrongClaims() async throws {
        try await withFixture { f in
            var kid = f.header
            kid["kid"] = "some-other-kid"
            try await expectInvalid(f, try TokenForge.es256(header: kid, claims: f.claims, key: f.signingKey), "unknown kid")
            var noKid = f.header
            noKid["kid"] = nil
            try await expectInvalid(f, try TokenForge.es256(header: noKid, claims: f.claims, key: f.signingKey), "no kid")
            var aud = f.claims
            aud["aud"] = "someone-else"
            try await expectInvalid(f, try TokenForge.es256(header: f.header, claims: aud, key: f.signingKey), "wrong aud")
            var iss = f.claims
            iss["iss"] = "https://evil.example"
            try await expectInvalid(f, try TokenForge.es256(header: f.header, claims: iss, key: f.signingKey), "wrong iss")
            var nbf = f.claims
            nbf["nbf"] = (f.claims["nbf"] as? Int ?? 0) + 3600
            try await expectInvalid(f, try TokenForge.es256(header: f.header, claims: nbf, key: f.signingKey), "nbf in the future")
            var jti = f.claims
            jti["jti"] = UUID().uuidString.lowercased()
            try await expectInvalid(f, try TokenForge.es256(header: f.header, claims: jti, key: f.signingKey), "another jti")
        }
    }

    @Test("a well-signed token past exp is 410 expired")
    func expired() async throws {
        try await withFixture { f in
            var claims = f.claims
            claims["exp"] = (f.claims["iat"] as? Int ?? 0) - 1
            let token = try TokenForge.es256(header: f.header, claims: claims, key: f.signingKey)
            let read = try await f.harness.clientRead(token)
            #expect(read.status == 410)
            #expect(read.error?.code == "expired")
            // The real token expires with the payment.
            f.harness.clock.advance(seconds: 86_400)
            #expect(try await f.harness.clientRead(f.token).status == 410)
            #expect(try await f.harness.reply(f.token, #"{"outcome":"success"}"#).status == 410)
        }
    }
}
