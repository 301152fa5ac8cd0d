import Foundation

/// `quiqpay send`'s flags as typed, before anything is read: the command line's way of filling
/// a `DraftText`, so `send` and Compose read the numbers by the same rules, and every problem
/// is named by the flag that caused it rather than by an API field path.
public struct DraftFlags: Hashable, Sendable {
    public var description: String?
    public var amount: String?
    /// `--item NAME:QUANTITY:UNIT_PRICE`, one per line item.
    public var items: [String]
    public var currency: String?
    /// `--meta KEY=VALUE`.
    public var metadata: [String]
    public var key: String?
    public var expires: String?

    public init(description: String? = nil, amount: String? = nil, items: [String] = [], currency: String? = nil,
                metadata: [String] = [], key: String? = nil, expires: String? = nil) {
        self.description = description
        self.amount = amount
        self.items = items
        self.currency = currency
        self.metadata = metadata
        self.key = key
        self.expires = expires
    }

    /// The draft the flags describe over `start` (a template's text, which each flag given
    /// replaces that part of), or every problem at once, each named by its flag.
    public func draft(conversationId: String, template start: DraftText? = nil,
                      id: String = UUID().uuidString.lowercased()) throws(DraftFlagsError) -> PaymentDraft {
        let code = currency ?? start?.currencyText ?? "USD"
        guard let chosen = Currency(code: code) else { throw .unknownCurrency(code) }
        if start == nil, description == nil { throw .noDescription }
        if amount == nil, items.isEmpty, start.map({ $0.amount.isEmpty && $0.items.isEmpty }) ?? true { throw .noAmount }
        var problems: [String] = []
        var cells: [DraftText.Item] = []
        for text in items {
            // NAME:QTY:UNIT; the name may itself contain colons (the last two fields are numbers).
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3 else {
                problems.append("--item \(text): write a line item as NAME:QUANTITY:UNIT_PRICE, e.g. Widget:2:50.00.")
                continue
            }
            cells.append(DraftText.Item(name: parts.dropLast(2).joined(separator: ":"), quantity: String(parts[parts.count - 2]),
                                        unitPrice: String(parts[parts.count - 1])))
        }
        var entries: [MetadataEntry] = []
        for pair in metadata {
            guard let equals = pair.firstIndex(of: "=") else {
                problems.append("--meta \(pair): write it as KEY=VALUE.")
                continue
            }
            entries.append(MetadataEntry(key: String(pair[..<equals]), value: String(pair[pair.index(after: equals)...])))
        }
        // The template's draft, each part a flag gives replaced by it (--meta adds or replaces keys).
        var text = start ?? DraftText(conversationId: conversationId, description: "", currency: chosen)
        text.currency = chosen
        text.currencyText = code
        if let description { text.description = description }
        if let amount { text.amount = amount }
        if !items.isEmpty { text.items = cells }
        for entry in entries {
            text.metadata.removeAll { $0.key == entry.key }
            text.metadata.append(entry)
        }
        if let key { text.key = key }
        if let expires { text.expires = expires }
        let (draft, errors) = text.parsed(id: id)
        problems += errors.map { "\(Self.flag(for: $0.field)): \($0.message)" }
        if problems.isEmpty {
            problems = draft.validate().map { "\(Self.flag(for: $0.field)): \($0.message)" }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return draft
    }

    /// The text of template `name` (found in the catalogue at `catalogPath`) to lay the flags
    /// over: in the template's currency, else `--currency`, else `defaultCurrency`. A template
    /// whose SKUs have no price in that currency needs `--item`.
    public func templateText(_ template: DraftTemplate, named name: String, catalog: ProductCatalog, catalogPath: String,
                             conversationId: String, defaultCurrency: Currency, at date: Date,
                             utcOffsetSeconds: Int) throws(DraftFlagsError) -> DraftText {
        var fallback = defaultCurrency
        if let currency {
            guard let given = Currency(code: currency) else { throw .unknownCurrency(currency) }
            if let own = template.currency, own != given {
                throw .currencyBesideTemplate(given: currency, template: name, templateCurrency: own.code)
            }
            fallback = given
        }
        let (text, missing) = template.draftText(conversationId: conversationId, currency: fallback, catalog: catalog,
                                                 at: date, utcOffsetSeconds: utcOffsetSeconds)
        if !missing.isEmpty, items.isEmpty {
            throw .unpriced(template: name, currency: template.currency?.code ?? fallback.code, skus: missing, catalogPath: catalogPath)
        }
        return text
    }

    /// The flag that sets an API field: `lineItems[1].quantity` is the second `--item`.
    public static func flag(for field: String) -> String {
        if field.hasPrefix("lineItems[") {
            let index = field.dropFirst("lineItems[".count).prefix { $0.isNumber }
            return "--item #\((Int(index) ?? 0) + 1)"
        }
        if field.hasPrefix("metadata") { return "--meta" }
        switch field {
        case "expiresInSeconds": return "--expires"
        case "conversationId": return "--conversation"
        default: return "--" + field
        }
    }
}

/// Why `send`'s flags make no draft; each sentence names the flag and says what to give.
public enum DraftFlagsError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownCurrency(String)
    case noDescription
    case noAmount
    /// Every problem of the flags' values, one sentence each, in flag order.
    case invalid([String])
    /// `--template NAME` could not be read (the reason says why and what to do).
    case template(name: String, reason: String)
    case currencyBesideTemplate(given: String, template: String, templateCurrency: String)
    case unpriced(template: String, currency: String, skus: [String], catalogPath: String)

    public var description: String {
        switch self {
        case .unknownCurrency(let code):
            "“\(code)” is not an ISO 4217 currency code: use one such as USD (see `quiqpay currencies`)."
        case .noDescription: "Give --description (what the customer pays for), or --template NAME."
        case .noAmount: "Give --amount or at least one --item NAME:QTY:UNIT."
        case .invalid(let problems): problems.joined(separator: "\n")
        case .template(let name, let reason): "--template \(name): \(reason)"
        case .currencyBesideTemplate(let given, let template, let own):
            "--currency \(given): the template \(template) is in \(own): leave --currency out."
        case .unpriced(let template, let currency, let skus, let path):
            "--template \(template): the catalogue has no \(currency) price for \(skus.joined(separator: ", ")): add one to \(path), or give the items with --item."
        }
    }
}
