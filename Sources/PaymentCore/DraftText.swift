/// A draft as people type it: every number still text. Compose's form and `quiqpay send`'s
/// flags both fill one and `parsed` turns it into a `PaymentDraft`, so the two read amounts,
/// quantities, prices and expiries by the same rules and say the same thing when one is wrong.
public struct DraftText: Hashable, Sendable {
    /// One line item's cells: name, quantity, unit price and SKU.
    public struct Item: Hashable, Sendable {
        public var name: String
        public var quantity: String
        public var unitPrice: String
        public var sku: String

        public init(name: String, quantity: String, unitPrice: String, sku: String = "") {
            self.name = name
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.sku = sku
        }
    }

    public var conversationId: String
    public var description: String
    /// The chosen currency; nil when the text in `currencyText` matched none.
    public var currency: Currency?
    public var currencyText: String
    public var amount: String
    public var items: [Item]
    public var metadata: [MetadataEntry]
    public var key: String
    public var expires: String

    public init(conversationId: String, description: String, currency: Currency?, currencyText: String = "",
                amount: String = "", items: [Item] = [], metadata: [MetadataEntry] = [], key: String = "", expires: String = "") {
        self.conversationId = conversationId
        self.description = description
        self.currency = currency
        self.currencyText = currencyText
        self.amount = amount
        self.items = items
        self.metadata = metadata
        self.key = key
        self.expires = expires
    }

    /// The draft with id `id`, and what could not be read (as violations of API.md's field
    /// paths: `amount`, `lineItems[2].unitAmount`...). Fields that could not be read are left
    /// empty or zero in the draft, so the rest can still be previewed and saved.
    public func parsed(id: String) -> (draft: PaymentDraft, errors: [FieldViolation]) {
        var errors: [FieldViolation] = []
        let money = currency ?? .usd
        if currency == nil {
            let typed = currencyText.trimmed
            errors.append(FieldViolation(field: "currency", message: typed.isEmpty
                ? "Pick a currency: type its code or name." : "“\(typed)” is not a currency: pick one from the list."))
        }
        var amountValue: Int64?
        if !amount.trimmed.isEmpty {
            do { amountValue = try Money.parse(amount, currency: money).minorUnits } catch {
                errors.append(FieldViolation(field: "amount", message: error.description))
            }
        }
        var lineItems: [LineItem] = []
        for (index, item) in items.enumerated() {
            let quantityText = item.quantity.trimmed
            var quantity: Int64 = 0
            if let whole = Int64(quantityText) {
                quantity = whole
            } else {
                errors.append(FieldViolation(field: "lineItems[\(index)].quantity",
                                             message: "The quantity “\(quantityText)” is not a whole number: type one from 1 to 10,000."))
            }
            var unit: Int64 = 0
            do { unit = try Money.parse(item.unitPrice, currency: money).minorUnits } catch {
                errors.append(FieldViolation(field: "lineItems[\(index)].unitAmount", message: "Unit price: \(error.description)"))
            }
            let sku = item.sku.trimmed
            lineItems.append(LineItem(name: item.name, quantity: quantity, unitAmount: unit, sku: sku.isEmpty ? nil : sku))
        }
        var expiry: Int?
        if !expires.trimmed.isEmpty {
            do { expiry = try ExpiryDuration.seconds(from: expires) } catch {
                errors.append(FieldViolation(field: "expiresInSeconds", message: error.description))
            }
        }
        let draft = PaymentDraft(
            id: id, conversationId: conversationId.trimmed, description: description, currency: money, amount: amountValue,
            lineItems: lineItems, metadata: metadata, key: key.isEmpty ? nil : key, expiresInSeconds: expiry)
        return (draft, errors)
    }
}

extension String {
    fileprivate var trimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
