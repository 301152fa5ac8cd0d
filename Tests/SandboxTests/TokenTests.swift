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

    @Test("a token signed with the real key but whose header names another alg, or no alg, is 401", arguments: [
        "ES384", "ES512", "ES256K", "RS256", "PS256", "EdDSA", "HS256", "es256", "none", "", nil as String?,
    ])
    func otherAlgorithm(alg: String?) async throws {
        try await withFixture { f in
            var header = f.header
            header["alg"] = alg
            try await expectInvalid(f, try TokenForge.es256(header: header, claims: f.claims, key: f.signingKey), "alg \(alg ?? "missing")")
        }
    }

    @Test("one payment whatever the spelling of its token: replay is 200 replayed, another reply 409, one ETag, one lockout")
    func spellingsAreOnePayment() async throws {
        try await withFixture { f in
            let pieces = f.token.split(separator: ".").map(String.init)
            // The same header re-serialised (spaces, another key order), signed with the real key.
            let header = "{ \"typ\": \"JWT\", \"kid\": \"\(f.header["kid"] as? String ?? "")\", \"alg\": \"ES256\" }"
            let resignedInput = TokenForge.base64url(Data(header.utf8)) + "." + pieces[1]
            let resigned = resignedInput + "." + TokenForge.base64url(try f.signingKey.signature(for: Data(resignedInput.utf8)).rawRepresentation)
            let spellings = [f.token, try #require(TokenForge.otherSpelling(of: f.token)), resigned] + Self.encodingVariants(of: f.token)
            #expect(Set(spellings).count == spellings.count)

            var accepted: [String] = []
            var etags: Set<String> = []
            for spelling in spellings {
                let read = try await f.harness.clientRead(spelling)
                // Another encoding of the same bytes may be refused outright; if it is accepted it is the same payment.
                if read.status == 401 { continue }
                #expect(read.status == 200, "\(spelling)")
                #expect(try read.decode(PaymentMessage.self).id == f.payment.id)
                accepted.append(spelling)
                if let etag = read.headers.first(name: "ETag") { etags.insert(etag) }
            }
            #expect(accepted.count >= 3)  // the issued token, the other signature and the re-signed header
            #expect(etags.count == 1, "one payment has one ETag: \(etags)")
            let etag = try #require(etags.first)
            for spelling in accepted {
                #expect(try await f.harness.clientRead(spelling, headers: [("If-None-Match", etag)]).status == 304)
            }

            // Wrong Payment Keys count against the payment, whichever spelling carries them.
            for index in 0..<4 {
                let wrong = try await f.harness.reply(accepted[index % accepted.count], #"{"outcome":"success"}"#, paymentKey: "wrong-key-wrong-key")
                #expect(wrong.status == 403)
            }
            let body = #"{"outcome":"success","transactionId":"tx-spelling"}"#
            let paid = try await f.harness.reply(accepted[1], body)
            #expect(paid.status == 200)
            #expect(try paid.decode(PaymentMessage.self).replayed == nil)
            for spelling in accepted {
                let replay = try await f.harness.reply(spelling, body)
                #expect(replay.status == 200, "\(spelling)")
                #expect(try replay.decode(PaymentMessage.self).replayed == true)
                let other = try await f.harness.reply(spelling, #"{"outcome":"failure","message":"declined"}"#)
                #expect(other.status == 409)
                #expect(other.error?.code == "already_replied")
            }
            let final = try await f.harness.send(.GET, "/api/v1/payment-requests/\(f.payment.id)", as: .agent).decode(PaymentMessage.self)
            #expect(final.events?.map(\.status) == [.pending, .opened, .paid])
            let newETag = try #require(try await f.harness.clientRead(f.token).headers.first(name: "ETag"))
            #expect(newETag != etag)
            for spelling in accepted {
                #expect(try await f.harness.clientRead(spelling).headers.first(name: "ETag") == newETag)
            }
        }
    }

    /// The token with its signature segment written another way that may still decode to the
    /// same bytes: base64 padding, and the unused low bits of the last character set.
    static func encodingVariants(of token: String) -> [String] {
        let pieces = token.split(separator: ".").map(String.init)
        guard pieces.count == 3, let last = pieces[2].last else { return [] }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var variants = ["\(pieces[0]).\(pieces[1]).\(pieces[2])=", "\(pieces[0]).\(pieces[1]).\(pieces[2])=="]
        // 64 signature bytes are 86 characters; the last carries 2 bits, so its low 4 bits are unused.
        if let index = alphabet.firstIndex(of: last), index & 0x0F == 0 {
            variants.append("\(pieces[0]).\(pieces[1])." + pieces[2].dropLast() + String(alphabet[index | 0x01]))
        }
        return variants
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
