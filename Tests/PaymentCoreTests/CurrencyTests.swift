import Foundation
import Testing
@testable import PaymentCore

@Suite struct CurrencyTests {
    @Test(arguments: [("USD", 2), ("JPY", 0), ("KWD", 3), ("EUR", 2), ("CLF", 4), ("BHD", 3), ("KRW", 0), ("UYW", 4)])
    func exponentsFollowISO4217(code: String, exponent: Int) throws {
        let currency = try #require(Currency(code: code))
        #expect(currency.exponent == exponent)
    }

    @Test func lookupIsCaseInsensitiveAndRejectsUnknownOrRetiredCodes() {
        #expect(Currency(code: "usd")?.code == "USD")
        #expect(Currency(code: "XYZ") == nil)
        #expect(Currency(code: "HRK") == nil, "Croatia moved to the euro in 2023")
        #expect(Currency(code: "") == nil)
    }

    @Test func tableHasNoDuplicatesAndOnlyUpperCaseThreeLetterCodes() {
        let codes = Currency.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
        #expect(codes == codes.sorted())
        #expect(Currency.all.count > 150)
    }

    @Test func typeAheadPutsCodePrefixesFirstThenNames() {
        let matches = Currency.matching("eu")
        #expect(matches.first?.code == "EUR")
        #expect(Currency.matching("yen").map(\.code) == ["JPY"])
        #expect(Currency.matching("").count == Currency.all.count)
        // Typed control characters are ignored, never a crash (fuzz seed money/nul-in-currency).
        #expect(Currency.matching("A\u{0}").map(\.code) == Currency.matching("A").map(\.code))
        #expect(Currency.matching("eu\u{7}r").map(\.code).first == "EUR")
    }

    @Test func codableRoundTripsAsTheCodeAndRejectsLowerCase() throws {
        let data = try JSONEncoder().encode([Currency.usd])
        #expect(String(decoding: data, as: UTF8.self) == "[\"USD\"]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Currency].self, from: Data("[\"usd\"]".utf8)) }
    }
}

