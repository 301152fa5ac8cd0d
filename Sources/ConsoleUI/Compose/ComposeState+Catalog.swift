import Foundation
import PaymentCore

/// Compose and the catalogue: the offers under a line item's name, taking one, and a draft
/// opened from a template.
extension ComposeState {
    /// At most this many offers show; typing more of the name narrows them.
    public static let offerLimit = 5

    /// The currency offers are priced in: the draft's.
    public var offerCurrency: Currency { resolvedCurrency ?? draft.currency }

    /// The products offered for the name being typed; empty when no name is being typed.
    public func offers(in catalog: ProductCatalog) -> [CatalogProduct] {
        guard offering, focus == .lineItems, lineItems.column == 0, let cell = lineItems.cell else { return [] }
        return catalog.offers(for: cell.text)
    }

    /// The row filled from `product`: its name and SKU, its unit price in the draft's currency
    /// and a quantity of 1 if none was typed, then the quantity selected. Without a price in
    /// that currency the price cell is left as it was (never zero) and selected instead.
    func taking(_ product: CatalogProduct) -> ComposeState {
        var s = self
        var texts: [Int: String] = [0: product.name, 3: product.sku]
        let quantity = lineItems.rows[lineItems.row][1].text
        if quantity.trimmingCharacters(in: .whitespaces).isEmpty { texts[1] = "1" }
        let price = product.price(in: offerCurrency)
        if let price { texts[2] = price.formatted(.plain) }
        s.lineItems = lineItems.filling(texts, thenSelect: price == nil ? 2 : 1)
        s.offering = false
        s.offerIndex = 0
        s.refusal = []
        return s
    }

    /// Compose on a template's draft as text: unlike `init(draft:)` a price the catalogue does
    /// not have stays empty, so the draft cannot go out with a price of zero.
    public init(template text: DraftText, draftId: String) {
        self.init(draft: text.parsed(id: draftId).draft)
        currency = TextField(text.currencyText)
        amount = TextField(text.amount)
        lineItems = RowEditor(columns: 4, rows: text.items.map { [$0.name, $0.quantity, $0.unitPrice, $0.sku] })
        expires = TextField(text.expires)
        selectFocused()
    }
}
