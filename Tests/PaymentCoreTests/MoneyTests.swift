import Testing
import PropertyBased
@testable import PaymentCore

private let usd = Currency.usd
private let jpy = Currency(code: "JPY")!
private let kwd = Currency(code: "KWD")!

@Suite struct MoneyParsingTests {
    @Test(arguments: [
        ("125.5", 12_550), ("125.50", 12_550), ("1,250.00", 125_000), (" 7 ", 700), ("0.01", 1),
        ("USD 125.50", 12_550), ("$125.50", 12_550), ("usd 3", 300), (".5", 50), ("999,999.99", 99_999_999),
    ])
    func acceptsWhatPeopleTypeInUSD(text: String, minor: Int64) throws {
        #expect(try Money.parse(text, currency: usd).minorUnits == minor)
    }

    @Test func respectsEachCurrencysExponent() throws {
        #expect(try Money.parse("1250", currency: jpy).minorUnits == 1_250)
        #expect(try Money.parse("1.250", currency: kwd).minorUnits == 1_250)
        #expect(throws: MoneyParseError.tooManyDecimals(allowed: 0, currency: "JPY")) { try Money.parse("12.5", currency: jpy) }
        #expect(throws: MoneyParseError.tooManyDecimals(allowed: 3, currency: "KWD")) { try Money.parse("1.2345", currency: kwd) }
    }

    @Test(arguments: [
        ("", MoneyParseError.empty),
        ("   ", .empty),
        ("12a", .notANumber("12a")),
        ("1.2.3", .notANumber("1.2.3")),
        ("abc", .notANumber("abc")),
        ("12.", .notANumber("12.")),
        ("-5", .negative),
        ("1,25.00", .misplacedGrouping),
        ("12,5000", .misplacedGrouping),
        ("125.505", .tooManyDecimals(allowed: 2, currency: "USD")),
        ("1,000,000.00", .tooLarge(maximum: "USD 999,999.99")),
        ("99999999999999999999999", .tooLarge(maximum: "USD 999,999.99")),
        ("EUR 5", .currencyMismatch(found: "EUR", expected: "USD")),
    ])
    func refusesWithADistinctReadableError(text: String, error: MoneyParseError) {
        #expect(throws: error) { try Money.parse(text, currency: usd) }
        #expect(error.description.hasSuffix("."))
    }

    @Test func everyErrorIsADifferentSentence() {
        let errors: [MoneyParseError] = [.empty, .notANumber("x"), .negative, .misplacedGrouping,
                                          .tooManyDecimals(allowed: 2, currency: "USD"), .tooManyDecimals(allowed: 0, currency: "JPY"),
                                          .tooLarge(maximum: "USD 999,999.99"), .currencyMismatch(found: "EUR", expected: "USD")]
        #expect(Set(errors.map(\.description)).count == errors.count)
    }
}

@Suite struct MoneyFormattingTests {
    @Test func formatsWithCodeSymbolOrPlainIndependentOfLocale() throws {
        let money = Money(minorUnits: 125_050, currency: usd)
        #expect(money.formatted() == "USD 1,250.50")
        #expect(money.formatted(.symbol) == "$1,250.50")
        #expect(money.formatted(.plain) == "1250.50")
        #expect(Money(minorUnits: 5, currency: usd).formatted() == "USD 0.05")
        #expect(Money(minorUnits: 1_234_567, currency: jpy).formatted(.symbol) == "¥1,234,567")
        #expect(Money(minorUnits: 1_250, currency: kwd).formatted(.symbol) == "KWD 1.250", "no unambiguous symbol for KWD")
        #expect(Money(minorUnits: -150, currency: usd).formatted() == "USD -1.50")
        #expect(Money(minorUnits: 0, currency: jpy).formatted() == "JPY 0")
        let clf = try #require(Currency(code: "CLF"))
        #expect(Money(minorUnits: 7, currency: clf).formatted() == "CLF 0.0007", "four decimals, the most ISO 4217 has")
        #expect(Money(minorUnits: 123_456_789_0123, currency: clf).formatted(.plain) == "123456789.0123")
        #expect(Money(minorUnits: .min, currency: usd).formatted() == "USD -92,233,720,368,547,758.08", "the widest amount there is")
        #expect(Money(minorUnits: 100_000, currency: jpy).formatted() == "JPY 100,000")
    }

    @Test func parseOfFormatIsIdentityForEveryCurrency() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...(Currency.all.count - 1)), Gen.int(in: 0...99_999_999)) { index, minor in
            let money = Money(minorUnits: Int64(minor), currency: Currency.all[index])
            for style in [Money.Style.code, .symbol, .plain] {
                #expect((try? Money.parse(money.formatted(style), currency: money.currency)) == money, "\(style) \(money.formatted(style))")
            }
        }
    }
}
