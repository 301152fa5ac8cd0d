/// A product an agent sells often, from `catalog.yaml`: Compose's line-item names complete
/// from these, so the name, SKU and price are typed once, in the file, not in every chat.
public struct CatalogProduct: Hashable, Sendable {
    public var sku: String
    public var name: String
    /// The unit price in each currency the product is sold in, in minor units.
    public var prices: [Currency: Int64]

    public init(sku: String, name: String, prices: [Currency: Int64]) {
        self.sku = sku
        self.name = name
        self.prices = prices
    }

    /// The unit price in `currency`; nil when the catalogue gives none (the offer says so).
    public func price(in currency: Currency) -> Money? {
        prices[currency].map { Money(minorUnits: $0, currency: currency) }
    }

    /// What an offer reads: `Widget · W-1 · 50.00`, or `Widget · W-1 · no EUR price`.
    public func offerText(in currency: Currency) -> String {
        "\(name) · \(sku) · " + (price(in: currency)?.formatted(.plain) ?? "no \(currency.code) price")
    }
}
