/// An ISO 4217 currency: its code, the exponent of its minor unit, and how people write it.
///
/// The table below is the only place the exponent of a currency is known, so amounts are
/// always interpreted the same way by the console, the sandbox and the reference Client.
public struct Currency: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Upper-case ISO 4217 alphabetic code, e.g. `USD`.
    public let code: String
    /// Number of digits after the decimal separator (USD 2, JPY 0, KWD 3).
    public let exponent: Int
    /// English name, for pickers and type-ahead.
    public let name: String
    /// A symbol only where it is unambiguous (`$` for USD, `CA$` for CAD); else nil.
    public let symbol: String?

    /// Looks a code up in the ISO 4217 table, case-insensitively; nil for an unknown code.
    public init?(code: String) {
        guard let found = Currency.byCode[code.uppercased()] else { return nil }
        self = found
    }

    init(_ code: String, _ exponent: Int, _ name: String, _ symbol: String? = nil) {
        self.code = code
        self.exponent = exponent
        self.name = name
        self.symbol = symbol
    }

    public var description: String { code }

    /// A code the ISO 4217 table does not know (a platform may still send one): kept as it
    /// came, with no minor unit assumed, so it is shown as a count of minor units and never
    /// silently turned into another currency.
    public static func unlisted(code: String) -> Currency {
        Currency(code.uppercased(), 0, "not in ISO 4217")
    }

    /// Whether the table knows this currency (false for `unlisted`).
    public var isListed: Bool { Currency.byCode[code] == self }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    /// Ten to the power of the exponent: minor units in one major unit.
    public var minorUnitsPerMajor: Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    public static let usd = Currency("USD", 2, "US Dollar", "$")

    /// Currencies whose code or name contains `text` (case-insensitive), codes that start
    /// with it first: the order a type-ahead picker shows them in.
    public static func matching(_ text: String) -> [Currency] {
        // Control characters match no code or name, and a NUL trips Foundation's `contains` on
        // Linux (a fuzz-found crash, seed `money/nul-in-currency`): they are dropped first.
        let needle = String(text.trimmingSpaces().uppercased().unicodeScalars.filter { $0.value >= 32 && $0.value != 127 })
        if needle.isEmpty { return all }
        let prefixed = all.filter { $0.code.hasPrefix(needle) }
        let rest = all.filter { !$0.code.hasPrefix(needle) && ($0.code.contains(needle) || $0.name.uppercased().contains(needle)) }
        return prefixed + rest
    }

    /// Every active ISO 4217 currency that has a minor unit (funds and metals without one are left out).
    public static let all: [Currency] = [
        Currency("AED", 2, "UAE Dirham"),
        Currency("AFN", 2, "Afghani"),
        Currency("ALL", 2, "Lek"),
        Currency("AMD", 2, "Armenian Dram"),
        Currency("AOA", 2, "Kwanza"),
        Currency("ARS", 2, "Argentine Peso"),
        Currency("AUD", 2, "Australian Dollar", "A$"),
        Currency("AWG", 2, "Aruban Florin"),
        Currency("AZN", 2, "Azerbaijan Manat", "₼"),
        Currency("BAM", 2, "Convertible Mark"),
        Currency("BBD", 2, "Barbados Dollar"),
        Currency("BDT", 2, "Taka", "৳"),
        Currency("BHD", 3, "Bahraini Dinar"),
        Currency("BIF", 0, "Burundi Franc"),
        Currency("BMD", 2, "Bermudian Dollar"),
        Currency("BND", 2, "Brunei Dollar"),
        Currency("BOB", 2, "Boliviano"),
        Currency("BOV", 2, "Mvdol"),
        Currency("BRL", 2, "Brazilian Real", "R$"),
        Currency("BSD", 2, "Bahamian Dollar"),
        Currency("BTN", 2, "Ngultrum"),
        Currency("BWP", 2, "Pula"),
        Currency("BYN", 2, "Belarusian Ruble"),
        Currency("BZD", 2, "Belize Dollar"),
        Currency("CAD", 2, "Canadian Dollar", "CA$"),
        Currency("CDF", 2, "Congolese Franc"),
        Currency("CHE", 2, "WIR Euro"),
        Currency("CHF", 2, "Swiss Franc"),
        Currency("CHW", 2, "WIR Franc"),
        Currency("CLF", 4, "Unidad de Fomento"),
        Currency("CLP", 0, "Chilean Peso"),
        Currency("CNY", 2, "Yuan Renminbi", "CN¥"),
        Currency("COP", 2, "Colombian Peso"),
        Currency("COU", 2, "Unidad de Valor Real"),
        Currency("CRC", 2, "Costa Rican Colon", "₡"),
        Currency("CUP", 2, "Cuban Peso"),
        Currency("CVE", 2, "Cabo Verde Escudo"),
        Currency("CZK", 2, "Czech Koruna"),
        Currency("DJF", 0, "Djibouti Franc"),
        Currency("DKK", 2, "Danish Krone"),
        Currency("DOP", 2, "Dominican Peso"),
        Currency("DZD", 2, "Algerian Dinar"),
        Currency("EGP", 2, "Egyptian Pound"),
        Currency("ERN", 2, "Nakfa"),
        Currency("ETB", 2, "Ethiopian Birr"),
        Currency("EUR", 2, "Euro", "€"),
        Currency("FJD", 2, "Fiji Dollar"),
        Currency("FKP", 2, "Falkland Islands Pound"),
        Currency("GBP", 2, "Pound Sterling", "£"),
        Currency("GEL", 2, "Lari", "₾"),
        Currency("GHS", 2, "Ghana Cedi", "GH₵"),
        Currency("GIP", 2, "Gibraltar Pound"),
        Currency("GMD", 2, "Dalasi"),
        Currency("GNF", 0, "Guinean Franc"),
        Currency("GTQ", 2, "Quetzal"),
        Currency("GYD", 2, "Guyana Dollar"),
        Currency("HKD", 2, "Hong Kong Dollar", "HK$"),
        Currency("HNL", 2, "Lempira"),
        Currency("HTG", 2, "Gourde"),
        Currency("HUF", 2, "Forint"),
        Currency("IDR", 2, "Rupiah"),
        Currency("ILS", 2, "New Israeli Sheqel", "₪"),
        Currency("INR", 2, "Indian Rupee", "₹"),
        Currency("IQD", 3, "Iraqi Dinar"),
        Currency("IRR", 2, "Iranian Rial"),
        Currency("ISK", 0, "Iceland Krona"),
        Currency("JMD", 2, "Jamaican Dollar"),
        Currency("JOD", 3, "Jordanian Dinar"),
        Currency("JPY", 0, "Yen", "¥"),
        Currency("KES", 2, "Kenyan Shilling"),
        Currency("KGS", 2, "Som"),
        Currency("KHR", 2, "Riel"),
        Currency("KMF", 0, "Comorian Franc"),
        Currency("KPW", 2, "North Korean Won"),
        Currency("KRW", 0, "Won", "₩"),
        Currency("KWD", 3, "Kuwaiti Dinar"),
        Currency("KYD", 2, "Cayman Islands Dollar"),
        Currency("KZT", 2, "Tenge", "₸"),
        Currency("LAK", 2, "Lao Kip", "₭"),
        Currency("LBP", 2, "Lebanese Pound"),
        Currency("LKR", 2, "Sri Lanka Rupee"),
        Currency("LRD", 2, "Liberian Dollar"),
        Currency("LSL", 2, "Loti"),
        Currency("LYD", 3, "Libyan Dinar"),
        Currency("MAD", 2, "Moroccan Dirham"),
        Currency("MDL", 2, "Moldovan Leu"),
        Currency("MGA", 2, "Malagasy Ariary"),
        Currency("MKD", 2, "Denar"),
        Currency("MMK", 2, "Kyat"),
        Currency("MNT", 2, "Tugrik", "₮"),
        Currency("MOP", 2, "Pataca"),
        Currency("MRU", 2, "Ouguiya"),
        Currency("MUR", 2, "Mauritius Rupee"),
        Currency("MVR", 2, "Rufiyaa"),
        Currency("MWK", 2, "Malawi Kwacha"),
        Currency("MXN", 2, "Mexican Peso", "MX$"),
        Currency("MXV", 2, "Mexican Unidad de Inversion (UDI)"),
        Currency("MYR", 2, "Malaysian Ringgit"),
        Currency("MZN", 2, "Mozambique Metical"),
        Currency("NAD", 2, "Namibia Dollar"),
        Currency("NGN", 2, "Naira", "₦"),
        Currency("NIO", 2, "Cordoba Oro"),
        Currency("NOK", 2, "Norwegian Krone"),
        Currency("NPR", 2, "Nepalese Rupee"),
        Currency("NZD", 2, "New Zealand Dollar", "NZ$"),
        Currency("OMR", 3, "Rial Omani"),
        Currency("PAB", 2, "Balboa"),
        Currency("PEN", 2, "Sol"),
        Currency("PGK", 2, "Kina"),
        Currency("PHP", 2, "Philippine Peso", "₱"),
        Currency("PKR", 2, "Pakistan Rupee"),
        Currency("PLN", 2, "Zloty"),
        Currency("PYG", 0, "Guarani", "₲"),
        Currency("QAR", 2, "Qatari Rial"),
        Currency("RON", 2, "Romanian Leu"),
        Currency("RSD", 2, "Serbian Dinar"),
        Currency("RUB", 2, "Russian Ruble", "₽"),
        Currency("RWF", 0, "Rwanda Franc"),
        Currency("SAR", 2, "Saudi Riyal"),
        Currency("SBD", 2, "Solomon Islands Dollar"),
        Currency("SCR", 2, "Seychelles Rupee"),
        Currency("SDG", 2, "Sudanese Pound"),
        Currency("SEK", 2, "Swedish Krona"),
        Currency("SGD", 2, "Singapore Dollar"),
        Currency("SHP", 2, "Saint Helena Pound"),
        Currency("SLE", 2, "Leone"),
        Currency("SOS", 2, "Somali Shilling"),
        Currency("SRD", 2, "Surinam Dollar"),
        Currency("SSP", 2, "South Sudanese Pound"),
        Currency("STN", 2, "Dobra"),
        Currency("SVC", 2, "El Salvador Colon"),
        Currency("SYP", 2, "Syrian Pound"),
        Currency("SZL", 2, "Lilangeni"),
        Currency("THB", 2, "Baht", "฿"),
        Currency("TJS", 2, "Somoni"),
        Currency("TMT", 2, "Turkmenistan New Manat"),
        Currency("TND", 3, "Tunisian Dinar"),
        Currency("TOP", 2, "Pa’anga"),
        Currency("TRY", 2, "Turkish Lira", "₺"),
        Currency("TTD", 2, "Trinidad and Tobago Dollar"),
        Currency("TWD", 2, "New Taiwan Dollar", "NT$"),
        Currency("TZS", 2, "Tanzanian Shilling"),
        Currency("UAH", 2, "Hryvnia", "₴"),
        Currency("UGX", 0, "Uganda Shilling"),
        Currency("USD", 2, "US Dollar", "$"),
        Currency("USN", 2, "US Dollar (Next day)"),
        Currency("UYI", 0, "Uruguay Peso en Unidades Indexadas (UI)"),
        Currency("UYU", 2, "Peso Uruguayo"),
        Currency("UYW", 4, "Unidad Previsional"),
        Currency("UZS", 2, "Uzbekistan Sum"),
        Currency("VED", 2, "Bolívar Soberano"),
        Currency("VES", 2, "Bolívar Soberano"),
        Currency("VND", 0, "Dong", "₫"),
        Currency("VUV", 0, "Vatu"),
        Currency("WST", 2, "Tala"),
        Currency("XAF", 0, "CFA Franc BEAC", "FCFA"),
        Currency("XCD", 2, "East Caribbean Dollar", "EC$"),
        Currency("XCG", 2, "Caribbean Guilder"),
        Currency("XOF", 0, "CFA Franc BCEAO", "F CFA"),
        Currency("XPF", 0, "CFP Franc", "CFPF"),
        Currency("YER", 2, "Yemeni Rial"),
        Currency("ZAR", 2, "Rand"),
        Currency("ZMW", 2, "Zambian Kwacha"),
        Currency("ZWG", 2, "Zimbabwe Gold"),
    ]

    private static let byCode: [String: Currency] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}

extension Currency: Codable {
    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        guard let currency = Currency(code: code), currency.code == code else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "\(code) is not an upper-case ISO 4217 currency code"))
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

extension String {
    /// Trims ASCII and Unicode spaces without Foundation's locale-aware machinery.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
