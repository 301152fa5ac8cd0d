import Foundation

/// A saved draft from `catalog.yaml`'s `templates`: what a payment the agent sends again and
/// again starts with. `:template NAME`, the template picker and `quiqpay send --template NAME`
/// all fill a draft from one through `draftText`, so they agree on what a template means.
public struct DraftTemplate: Hashable, Sendable {
    /// A line of the template: a catalogue product by SKU (its name and price), or a line of
    /// its own (a name and a price in the template's currency).
    public struct Item: Hashable, Sendable {
        /// nil: the product's name.
        public var name: String?
        public var sku: String?
        public var quantity: Int64
        /// In the template's currency; nil: the product's price in the draft's currency.
        public var unitAmount: Int64?

        public init(name: String? = nil, sku: String? = nil, quantity: Int64 = 1, unitAmount: Int64? = nil) {
            self.name = name
            self.sku = sku
            self.quantity = quantity
            self.unitAmount = unitAmount
        }
    }

    public var name: String
    public var description: String
    /// nil: the draft's own (QUIQPAY_CURRENCY, config.yaml, or `send --currency`). A template
    /// with an amount or prices of its own always names its currency.
    public var currency: Currency?
    /// Explicit amount in the template's currency; nil: the sum of the line items.
    public var amount: Int64?
    public var items: [Item]
    public var metadata: [MetadataEntry]
    /// A key pattern (`KeyPattern`): filled in when a draft is made from the template.
    public var key: String?
    public var expiresInSeconds: Int?

    public init(name: String, description: String = "", currency: Currency? = nil, amount: Int64? = nil, items: [Item] = [],
                metadata: [MetadataEntry] = [], key: String? = nil, expiresInSeconds: Int? = nil) {
        self.name = name
        self.description = description
        self.currency = currency
        self.amount = amount
        self.items = items
        self.metadata = metadata
        self.key = key
        self.expiresInSeconds = expiresInSeconds
    }

    /// One line for the picker: `deposit — Deposit for your order · USD 125.00`.
    public func summary(currency fallback: Currency, catalog: ProductCatalog) -> String {
        let currency = currency ?? fallback
        let (text, missing) = draftText(conversationId: "", currency: fallback, catalog: catalog, at: Date(timeIntervalSince1970: 0),
                                        utcOffsetSeconds: 0)
        let total = if missing.isEmpty {
            text.parsed(id: "").draft.total.map { " · " + $0.formatted(.code) } ?? ""
        } else {
            " · no \(currency.code) price for \(missing.joined(separator: ", "))"
        }
        let about = description.isEmpty ? "\(items.count) line item\(items.count == 1 ? "" : "s")" : description
        return "\(name) — \(about)\(total)"
    }

    /// The draft as typed text, in the template's currency or else `fallback`: Compose opens
    /// on it and `send --template` lays its flags over it. `missingPrices` names the SKUs the
    /// catalogue has no price for in that currency; their price is left empty (never zero), so
    /// the draft cannot be sent until someone types one. The key pattern is filled for `date`
    /// in the agent's time (`utcOffsetSeconds`).
    public func draftText(conversationId: String, currency fallback: Currency, catalog: ProductCatalog,
                          at date: Date, utcOffsetSeconds: Int) -> (text: DraftText, missingPrices: [String]) {
        let currency = currency ?? fallback
        var missing: [String] = []
        let cells = items.map { item -> DraftText.Item in
            let product = item.sku.flatMap(catalog.product(sku:))
            let unit: Money?
            if let own = item.unitAmount {
                unit = Money(minorUnits: own, currency: currency)
            } else {
                unit = product?.price(in: currency)
                if unit == nil, let sku = item.sku { missing.append(sku) }
            }
            return DraftText.Item(name: item.name ?? product?.name ?? "", quantity: String(item.quantity),
                                  unitPrice: unit?.formatted(.plain) ?? "", sku: item.sku ?? "")
        }
        let text = DraftText(
            conversationId: conversationId, description: description, currency: currency, currencyText: currency.code,
            amount: amount.map { Money(minorUnits: $0, currency: currency).formatted(.plain) } ?? "",
            items: cells, metadata: metadata, key: key.map { KeyPattern.expand($0, at: date, utcOffsetSeconds: utcOffsetSeconds) } ?? "",
            expires: expiresInSeconds.map { ExpiryDuration.text(for: $0) } ?? "")
        return (text, missing)
    }
}
