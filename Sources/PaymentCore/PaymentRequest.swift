/// The body of "create a payment request" (API.md, agent side), and the rules it must obey.
///
/// The console validates it before sending and the sandbox validates it on arrival with the
/// same `violations()`, so the two can never disagree about what is acceptable.
public struct PaymentRequest: Hashable, Sendable, Codable {
    public var description: String
    /// ISO 4217 code; kept as text so that an unknown code is a field violation, not a decoding failure.
    public var currency: String
    public var amount: Int64?
    public var lineItems: [LineItem]?
    public var metadata: [String: String]?
    public var key: String?
    public var expiresInSeconds: Int?

    public init(description: String, currency: String, amount: Int64? = nil, lineItems: [LineItem]? = nil,
                metadata: [String: String]? = nil, key: String? = nil, expiresInSeconds: Int? = nil) {
        self.description = description
        self.currency = currency
        self.amount = amount
        self.lineItems = lineItems
        self.metadata = metadata
        self.key = key
        self.expiresInSeconds = expiresInSeconds
    }

    /// The amount to charge: the explicit one, else the sum of the line items.
    public var resolvedAmount: Int64? { amount ?? lineItems.flatMap { $0.isEmpty ? nil : LineItem.total(of: $0) } }

    /// Every rule of API.md this body breaks, all at once, in field order.
    public func violations() -> [FieldViolation] {
        var out: [FieldViolation] = []
        func add(_ field: String, _ message: String) { out.append(FieldViolation(field: field, message: message)) }

        if !PaymentRules.descriptionLength.contains(description.count) {
            add("description", description.isEmpty ? "Enter a description the customer will recognise."
                : "Shorten the description to at most 500 characters (it has \(description.count)).")
        }
        let currencyValue = Currency(code: currency)
        if currencyValue == nil || currencyValue?.code != currency {
            add("currency", "“\(currency)” is not an ISO 4217 currency code: use an upper-case code such as USD.")
        }
        out += PaymentRequest.amountViolations(amount: amount, lineItems: lineItems ?? [], field: "amount", itemsField: "lineItems")
        if let metadata {
            if metadata.count > PaymentRules.metadataCount.upperBound {
                add("metadata", "Use at most 50 metadata keys (there are \(metadata.count)).")
            }
            for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
                out += PaymentRequest.metadataViolations(key: key, value: value, field: "metadata.\(key)")
            }
        }
        if let key {
            if !PaymentRules.keyLength.contains(key.count) {
                add("key", key.isEmpty ? "Leave the key out or give it at least one character." : "Shorten the key to at most 128 characters.")
            } else if !key.allSatisfy(PaymentRules.isKeyCharacter) {
                add("key", "Use only letters, digits and . _ ~ - in the key: it travels in the link.")
            }
        }
        if let expiresInSeconds, !PaymentRules.expiresInSeconds.contains(expiresInSeconds) {
            add("expiresInSeconds", "Choose an expiry between 1 minute and 7 days.")
        }
        return out
    }

    /// Rules on an amount and its line items; shared by create and by the Client's reply overrides.
    public static func amountViolations(amount: Int64?, lineItems: [LineItem], field: String, itemsField: String) -> [FieldViolation] {
        var out: [FieldViolation] = []
        func add(_ field: String, _ message: String) { out.append(FieldViolation(field: field, message: message)) }
        if lineItems.count > PaymentRules.lineItemCount.upperBound {
            add(itemsField, "Use at most 100 line items (there are \(lineItems.count)).")
        }
        for (index, item) in lineItems.enumerated() {
            out += item.violations(field: "\(itemsField)[\(index)]")
        }
        let sum = LineItem.total(of: lineItems)
        if let amount {
            if !PaymentRules.amount.contains(amount) {
                add(field, amount < 1 ? "The amount must be at least one minor unit." : "The amount is over the limit of 99,999,999 minor units.")
            } else if !lineItems.isEmpty, sum != amount {
                add(field, "The amount must equal the sum of the line items (\(sum.map(String.init) ?? "too large")): fix one or leave the amount out.")
            }
        } else if lineItems.isEmpty {
            add(field, "Enter an amount, or add line items to derive it.")
        } else if let sum, !PaymentRules.amount.contains(sum) {
            add(field, sum < 1 ? "The line items add up to nothing: the total must be at least one minor unit."
                : "The line items add up to more than 99,999,999 minor units: split the payment.")
        } else if sum == nil {
            add(field, "The line items add up to more than 99,999,999 minor units: split the payment.")
        }
        return out
    }

    static func metadataViolations(key: String, value: String, field: String) -> [FieldViolation] {
        var out: [FieldViolation] = []
        if !PaymentRules.metadataKeyLength.contains(key.count) {
            out.append(FieldViolation(field: field, message: key.isEmpty ? "A metadata key cannot be empty." : "Shorten the metadata key to at most 40 characters."))
        }
        if value.count > PaymentRules.metadataValueLength.upperBound {
            out.append(FieldViolation(field: field, message: "Shorten the metadata value to at most 500 characters."))
        }
        return out
    }
}

extension LineItem {
    /// Rules of API.md on one line item, named under `field` (e.g. `lineItems[2]`).
    public func violations(field: String) -> [FieldViolation] {
        var out: [FieldViolation] = []
        if !PaymentRules.lineItemNameLength.contains(name.count) {
            out.append(FieldViolation(field: "\(field).name", message: name.isEmpty ? "Name the item." : "Shorten the item name to at most 200 characters."))
        }
        if !PaymentRules.quantity.contains(quantity) {
            out.append(FieldViolation(field: "\(field).quantity", message: "The quantity must be a whole number from 1 to 10,000."))
        }
        if !PaymentRules.unitAmount.contains(unitAmount) {
            out.append(FieldViolation(field: "\(field).unitAmount", message: "The unit price must be from 0 to 99,999,999 minor units."))
        }
        if let sku, !PaymentRules.skuLength.contains(sku.count) {
            out.append(FieldViolation(field: "\(field).sku", message: "Leave the SKU out or keep it to 1 to 100 characters."))
        }
        return out
    }
}
