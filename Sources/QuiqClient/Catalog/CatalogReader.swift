import Foundation
import PaymentCore
import Yams

/// One pass over the document: builds the catalogue and notes every problem on the way.
struct CatalogReader {
    var problems: [CatalogError.Problem] = []

    mutating func fail(_ node: Node?, _ field: String, _ message: String) {
        problems.append(.init(line: node?.mark?.line, field: field, message: message))
    }

    mutating func catalog(_ root: Node?) -> ProductCatalog {
        guard let root else { return .empty }  // an empty file (or only comments)
        guard let top = entries(root, "", "the file must be a mapping with products: and templates:.") else { return .empty }
        var products: [CatalogProduct] = []
        var templates: [DraftTemplate] = []
        for (key, keyNode, value) in top {
            switch key {
            case "products":
                for (index, node) in list(value, "products").enumerated() {
                    guard let product = product(node, "products[\(index)]") else { continue }
                    if products.contains(where: { $0.sku == product.sku }) {
                        fail(node, "products[\(index)].sku", "the SKU “\(product.sku)” is used by an earlier product: give each product its own.")
                    } else {
                        products.append(product)
                    }
                }
            case "templates":
                // Products first, wherever they are in the file: templates refer to them by SKU.
                break
            default:
                fail(keyNode, key, "unknown key: the file has products: and templates:.")
            }
        }
        let catalog = ProductCatalog(products: products)
        for (key, _, value) in top where key == "templates" {
            for (index, node) in list(value, "templates").enumerated() {
                guard let template = template(node, "templates[\(index)]", catalog: catalog) else { continue }
                if templates.contains(where: { $0.name == template.name }) {
                    fail(node, "templates[\(index)].name", "the name “\(template.name)” is used by an earlier template: give each template its own.")
                } else {
                    templates.append(template)
                }
            }
        }
        return ProductCatalog(products: products, templates: templates)
    }

    // MARK: Entries

    mutating func product(_ node: Node, _ field: String) -> CatalogProduct? {
        guard let pairs = entries(node, field, "write a product as a mapping with sku:, name: and prices:.") else { return nil }
        var sku: String?, name: String?, prices: [Currency: Int64] = [:]
        let before = problems.count
        for (key, keyNode, value) in pairs {
            switch key {
            case "sku":
                sku = text(value, "\(field).sku", "the SKU")
                if let s = sku, !PaymentRules.skuLength.contains(s.count) {
                    fail(value, "\(field).sku", "shorten the SKU to at most \(PaymentRules.skuLength.upperBound) characters.")
                }
            case "name":
                name = text(value, "\(field).name", "the product's name")
                if let n = name, !PaymentRules.lineItemNameLength.contains(n.count) {
                    fail(value, "\(field).name", "shorten the name to at most \(PaymentRules.lineItemNameLength.upperBound) characters.")
                }
            case "prices":
                guard let list = entries(value, "\(field).prices", "write prices as a mapping of currency codes to amounts, as in USD: 50.00.") else { continue }
                for (code, codeNode, amount) in list {
                    guard let currency = Currency(code: code.uppercased()) else {
                        fail(codeNode, "\(field).prices.\(code)", "“\(code)” is not an ISO 4217 currency: use a code such as USD, EUR or JPY.")
                        continue
                    }
                    if let minor = money(amount, "\(field).prices.\(code)", currency) { prices[currency] = minor }
                }
            default:
                fail(keyNode, "\(field).\(key)", "unknown key: a product has sku:, name: and prices:.")
            }
        }
        if sku == nil, problems.count == before { fail(node, "\(field).sku", "give the product a sku:.") }
        if name == nil, problems.count == before { fail(node, "\(field).name", "give the product a name:.") }
        guard let sku, let name, problems.count == before else { return nil }
        return CatalogProduct(sku: sku, name: name, prices: prices)
    }

    mutating func template(_ node: Node, _ field: String, catalog: ProductCatalog) -> DraftTemplate? {
        guard let pairs = entries(node, field, "write a template as a mapping with name:, description:, items: and so on.") else { return nil }
        let before = problems.count
        var template = DraftTemplate(name: "")
        var named = false
        // The currency first: amounts and prices are read in it, wherever it is in the entry.
        for (key, _, value) in pairs where key == "currency" {
            guard let code = text(value, "\(field).currency", "the currency") else { continue }
            if let currency = Currency(code: code.uppercased()) {
                template.currency = currency
            } else {
                fail(value, "\(field).currency", "“\(code)” is not an ISO 4217 currency: use a code such as USD, EUR or JPY.")
            }
        }
        for (key, keyNode, value) in pairs {
            switch key {
            case "currency":
                break
            case "name":
                guard let name = text(value, "\(field).name", "the template's name") else { continue }
                if name.contains(where: \.isWhitespace) {
                    fail(value, "\(field).name", "“\(name)” has a space: a template's name is one word, as typed after :template.")
                } else {
                    template.name = name
                    named = true
                }
            case "description":
                if let description = text(value, "\(field).description", "the description", allowEmpty: true) {
                    if description.count > PaymentRules.descriptionLength.upperBound {
                        fail(value, "\(field).description", "shorten the description to at most \(PaymentRules.descriptionLength.upperBound) characters.")
                    }
                    template.description = description
                }
            case "amount":
                guard let currency = template.currency else {
                    fail(value, "\(field).amount", "give the template a currency: its amount is read in it.")
                    continue
                }
                template.amount = money(value, "\(field).amount", currency)
            case "items":
                for (index, itemNode) in list(value, "\(field).items").enumerated() {
                    if let item = item(itemNode, "\(field).items[\(index)]", currency: template.currency, catalog: catalog) {
                        template.items.append(item)
                    }
                }
            case "metadata":
                guard let list = entries(value, "\(field).metadata", "write metadata as a mapping of keys to values, as in orderType: deposit.") else { continue }
                for (metaKey, _, metaValue) in list {
                    if let text = text(metaValue, "\(field).metadata.\(metaKey)", "the value", allowEmpty: true) {
                        template.metadata.append(MetadataEntry(key: metaKey, value: text))
                    }
                }
            case "key":
                guard let key = text(value, "\(field).key", "the key") else { continue }
                if let problem = KeyPattern.problem(in: key) {
                    fail(value, "\(field).key", problem)
                } else {
                    template.key = key
                }
            case "expires":
                guard let expires = text(value, "\(field).expires", "the expiry") else { continue }
                do { template.expiresInSeconds = try ExpiryDuration.seconds(from: expires) } catch {
                    fail(value, "\(field).expires", error.description)
                }
            default:
                fail(keyNode, "\(field).\(key)", "unknown key: a template has name:, description:, currency:, amount:, items:, metadata:, key: and expires:.")
            }
        }
        if !named, problems.count == before { fail(node, "\(field).name", "give the template a name:, one word, as typed after :template.") }
        guard named, problems.count == before else { return nil }
        return template
    }

    mutating func item(_ node: Node, _ field: String, currency: Currency?, catalog: ProductCatalog) -> DraftTemplate.Item? {
        guard let pairs = entries(node, field, "write a line item as a mapping with sku: (a product) or name: and price:.") else { return nil }
        let before = problems.count
        var item = DraftTemplate.Item()
        var priceNode: Node?
        for (key, keyNode, value) in pairs {
            switch key {
            case "sku":
                guard let sku = text(value, "\(field).sku", "the SKU") else { continue }
                if catalog.product(sku: sku) == nil {
                    fail(value, "\(field).sku", "no product has the SKU “\(sku)”: add it under products: or fix the SKU.")
                }
                item.sku = sku
            case "name":
                item.name = text(value, "\(field).name", "the line item's name")
            case "quantity":
                guard let text = text(value, "\(field).quantity", "the quantity") else { continue }
                if let quantity = Int64(text), PaymentRules.quantity.contains(quantity) {
                    item.quantity = quantity
                } else {
                    fail(value, "\(field).quantity", "“\(text)” is not a quantity: write a whole number from 1 to 10,000.")
                }
            case "price":
                priceNode = value
                guard let currency else {
                    fail(value, "\(field).price", "give the template a currency: its prices are read in it.")
                    continue
                }
                item.unitAmount = money(value, "\(field).price", currency)
            default:
                fail(keyNode, "\(field).\(key)", "unknown key: a line item has sku:, name:, quantity: and price:.")
            }
        }
        guard problems.count == before else { return nil }
        if item.sku == nil {
            if item.name == nil { fail(node, field, "give the line item a sku: (a product) or a name: and a price:."); return nil }
            if priceNode == nil { fail(node, "\(field).price", "give “\(item.name ?? "")” a price:, or a sku: of a product."); return nil }
        } else if let sku = item.sku, let currency, priceNode == nil, catalog.product(sku: sku)?.price(in: currency) == nil {
            fail(node, "\(field).sku", "the product \(sku) has no \(currency.code) price: add one under its prices: or give this item a price:.")
            return nil
        }
        return item
    }

    // MARK: Nodes

    /// A mapping's entries with their keys as text, or nil (and a problem) when `node` is not one.
    mutating func entries(_ node: Node, _ field: String, _ hint: String) -> [(String, Node, Node)]? {
        guard case .mapping(let mapping) = node else {
            fail(node, field, hint)
            return nil
        }
        var out: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                fail(key, field, "a key must be plain text.")
                continue
            }
            out.append((scalar.string, key, value))
        }
        return out
    }

    /// A sequence's items, or none (and a problem) when `node` is not one; `~` or nothing is none.
    mutating func list(_ node: Node, _ field: String) -> [Node] {
        if case .sequence(let sequence) = node { return Array(sequence) }
        if case .scalar(let scalar) = node, node.null != nil || scalar.string.isEmpty { return [] }
        fail(node, field, "write it as a list, one entry per line starting with “- ”.")
        return []
    }

    /// A scalar's text as written (`50.00` stays `50.00`), trimmed.
    mutating func text(_ node: Node, _ field: String, _ what: String, allowEmpty: Bool = false) -> String? {
        guard case .scalar(let scalar) = node else {
            fail(node, field, "\(what) must be plain text, not a list or a mapping.")
            return nil
        }
        // `~` is YAML's null: as empty as nothing at all.
        let written = scalar.string.trimmingCharacters(in: .whitespaces)
        let text = scalar.style == .plain && written == "~" ? "" : written
        if text.isEmpty, !allowEmpty {
            fail(node, field, "\(what) is empty: fill it in or remove the line.")
            return nil
        }
        return text
    }

    /// A price or amount read from its text in `currency`'s minor units.
    mutating func money(_ node: Node, _ field: String, _ currency: Currency) -> Int64? {
        guard let text = text(node, field, "the amount") else { return nil }
        do {
            return try Money.parse(text, currency: currency).minorUnits
        } catch {
            fail(node, field, error.description)
            return nil
        }
    }
}
