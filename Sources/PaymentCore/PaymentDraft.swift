/// A payment message being composed by an agent: what the console edits, saves after every
/// change, and sends. Its `id` doubles as the `Idempotency-Key`, so sending it twice can never
/// create two payments.
public struct PaymentDraft: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var conversationId: String
    public var description: String
    public var currency: Currency
    /// Explicit amount in minor units; nil derives it from the line items.
    public var amount: Int64?
    public var lineItems: [LineItem]
    /// Ordered, so the editor keeps rows where the agent put them; duplicates are a violation.
    public var metadata: [MetadataEntry]
    public var key: String?
    public var expiresInSeconds: Int?

    public init(id: String, conversationId: String, description: String = "", currency: Currency = .usd,
                amount: Int64? = nil, lineItems: [LineItem] = [], metadata: [MetadataEntry] = [],
                key: String? = nil, expiresInSeconds: Int? = nil) {
        self.id = id
        self.conversationId = conversationId
        self.description = description
        self.currency = currency
        self.amount = amount
        self.lineItems = lineItems
        self.metadata = metadata
        self.key = key
        self.expiresInSeconds = expiresInSeconds
    }

    /// The amount the customer will be asked for, if it can be known.
    public var total: Money? {
        let minor = amount ?? (lineItems.isEmpty ? nil : LineItem.total(of: lineItems))
        return minor.map { Money(minorUnits: $0, currency: currency) }
    }

    /// The create body this draft sends.
    public var request: PaymentRequest {
        PaymentRequest(
            description: description, currency: currency.code, amount: amount,
            lineItems: lineItems.isEmpty ? nil : lineItems,
            metadata: metadata.isEmpty ? nil : Dictionary(metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }),
            key: key, expiresInSeconds: expiresInSeconds)
    }

    /// Every violation at once: the conversation id, duplicate metadata keys, and API.md's rules.
    public func validate() -> [FieldViolation] {
        var out: [FieldViolation] = []
        if !Identifier.isLowercaseUUID(conversationId) {
            out.append(FieldViolation(field: "conversationId", message: "Pick a conversation: its id must be a lower-case UUID."))
        }
        var seen: Set<String> = []
        for (index, entry) in metadata.enumerated() where !seen.insert(entry.key).inserted {
            out.append(FieldViolation(field: "metadata[\(index)]", message: "The metadata key “\(entry.key)” is used twice: rename or delete one."))
        }
        var body = request.violations()
        // Name metadata violations by row, as the editor shows them.
        body = body.map { violation in
            guard violation.field.hasPrefix("metadata."),
                  let row = metadata.firstIndex(where: { "metadata.\($0.key)" == violation.field }) else { return violation }
            return FieldViolation(field: "metadata[\(row)]", message: violation.message)
        }
        return out + body
    }
}

/// One metadata row: free-form data the Client needs to process the payment (an order id, say).
public struct MetadataEntry: Hashable, Sendable, Codable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// Lower-case UUIDs, as API.md uses for every id.
public enum Identifier {
    public static func isLowercaseUUID(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return false }
        for (index, byte) in utf8.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                if byte != UInt8(ascii: "-") { return false }
            } else if !((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)) {
                return false
            }
        }
        return true
    }
}
