import Foundation
import PaymentCore
import Testing
@testable import Sandbox

@Suite("Support")
struct SupportTests {
    @Test("timestamps are RFC 3339 UTC with milliseconds, equal to Foundation's rendering", arguments: [
        Int64(0), 951_782_400_123, 1_800_000_000_999, 4_102_444_799_000, 1_709_164_800_500,
    ])
    func rfc3339(milliseconds: Int64) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        #expect(Timestamp.rfc3339(milliseconds: milliseconds) == formatter.string(from: Timestamp.date(milliseconds: milliseconds)))
    }

    @Test("every response has a Date header of the current second (RFC 9110), with no timer behind it")
    func dateHeader() async throws {
        try await withSandbox { sandbox in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            for path in ["/healthz", "/api/v1/no-such-route"] {
                let before = Date().timeIntervalSince1970.rounded(.down)
                let reply = try await sandbox.send(.GET, path)
                let after = Date().timeIntervalSince1970.rounded(.down)
                let header = try #require(reply.headers.first(name: "Date"), "no Date header on \(path)")
                let date = try #require(formatter.date(from: header), "“\(header)” is not an IMF-fixdate")
                #expect(formatter.string(from: date) == header)
                #expect((before...after).contains(date.timeIntervalSince1970), "\(header) is not the second of the request")
            }
        }
    }

    @Test("Basic credentials: the scheme is case-insensitive and the secret may contain colons")
    func basic() throws {
        let header = "basic " + Data("agent-1:se:cret".utf8).base64EncodedString()
        let credentials = try #require(BasicCredentials(header: header))
        #expect(credentials.identity == "agent-1" && credentials.secret == "se:cret")
        #expect(BasicCredentials(header: "Bearer abc") == nil)
        #expect(BasicCredentials(header: "Basic " + Data("no-colon".utf8).base64EncodedString()) == nil)
        let padded = try #require(BasicCredentials(header: "  BASIC \t" + Data("id:secret".utf8).base64EncodedString() + " "))
        #expect(padded.identity == "id" && padded.secret == "secret")
        #expect(BasicCredentials(header: "Basic") == nil)
        #expect(BasicCredentials(header: "Basic not*base64") == nil)
        #expect(BasicCredentials(header: "Basic " + Data([0x69, 0x64, 0x3A, 0xFF]).base64EncodedString()) == nil)  // not UTF-8
    }

    @Test("secrets: a salted hash matches only the secret, and two hashes of one secret differ")
    func secretHash() {
        let a = SecretHash(hashing: "correct horse battery staple")
        let b = SecretHash(hashing: "correct horse battery staple")
        #expect(a.matches("correct horse battery staple"))
        #expect(!a.matches("correct horse battery stapl"))
        #expect(a.digest != b.digest)
    }

    @Test("short codes and ids come from the whole alphabet and do not repeat")
    func randomText() {
        let codes = (0..<2000).map { _ in RandomText.base62(count: 10) }
        #expect(Set(codes).count == codes.count)
        #expect(Set(codes.joined()).count == 62)
        #expect(Identifier.isLowercaseUUID(RandomText.uuid()))
    }
}
