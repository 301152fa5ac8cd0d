/// One line of a payment: what is bought, how many, and the price of one, in minor units.
public struct LineItem: Hashable, Sendable, Codable {
    public var name: String
    public var quantity: Int64
    public var unitAmount: Int64
    public var sku: String?

    public init(name: String, quantity: Int64, unitAmount: Int64, sku: String? = nil) {
        self.name = name
        self.quantity = quantity
        self.unitAmount = unitAmount
        self.sku = sku
    }

    /// quantity × unitAmount, or nil if that overflows (it is then surely over the limit).
    public var amount: Int64? {
        let (product, overflow) = quantity.multipliedReportingOverflow(by: unitAmount)
        return overflow ? nil : product
    }

    /// The sum of the lines' amounts, or nil if any line or the sum overflows.
    public static func total(of items: [LineItem]) -> Int64? {
        var sum: Int64 = 0
        for item in items {
            guard let amount = item.amount else { return nil }
            let (next, overflow) = sum.addingReportingOverflow(amount)
            if overflow { return nil }
            sum = next
        }
        return sum
    }

    private enum CodingKeys: String, CodingKey { case name, quantity, unitAmount, amount, sku }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        quantity = try container.decode(Int64.self, forKey: .quantity)
        unitAmount = try container.decode(Int64.self, forKey: .unitAmount)
        sku = try container.decodeIfPresent(String.self, forKey: .sku)
    }

    /// Encodes the derived `amount` too, as API.md's payment message shows it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(unitAmount, forKey: .unitAmount)
        try container.encodeIfPresent(amount, forKey: .amount)
        try container.encodeIfPresent(sku, forKey: .sku)
    }
}
