/// What `catalog.yaml` holds: products Compose offers for line items, and templates that
/// start a draft pre-filled. Pure: the file is read by the runtime (QuiqClient's `CatalogFile`)
/// and handed over whole, so a broken file changes nothing.
public struct ProductCatalog: Hashable, Sendable {
    public var products: [CatalogProduct]
    public var templates: [DraftTemplate]

    public init(products: [CatalogProduct] = [], templates: [DraftTemplate] = []) {
        self.products = products
        self.templates = templates
    }

    /// No file, or a broken one: nothing offered.
    public static let empty = ProductCatalog()

    public func product(sku: String) -> CatalogProduct? { products.first { $0.sku == sku } }

    public func template(named name: String) -> DraftTemplate? { templates.first { $0.name == name } }

    /// Products for what was typed in a line item's name, case-insensitive: names that start
    /// with it, then names with a word that starts with it, then SKUs that start with it, then
    /// names or SKUs that contain it. Empty for empty text.
    public func offers(for typed: String) -> [CatalogProduct] {
        let needle = Self.folded(typed)
        guard !needle.isEmpty else { return [] }
        func rank(_ product: CatalogProduct) -> Int? {
            let name = Self.folded(product.name), sku = Self.folded(product.sku)
            if name.hasPrefix(needle) { return 0 }
            if name.split(separator: " ").contains(where: { $0.hasPrefix(needle) }) { return 1 }
            if sku.hasPrefix(needle) { return 2 }
            if name.contains(needle) || sku.contains(needle) { return 3 }
            return nil
        }
        return products.enumerated()
            .compactMap { index, product in rank(product).map { (rank: $0, index: index, product: product) } }
            .sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }
            .map(\.product)
    }

    /// Lower case, trimmed, control characters dropped (a NUL trips Foundation's `contains` on
    /// Linux, as the currency type-ahead found): what typed text is matched as.
    public static func folded(_ text: String) -> String {
        String(text.trimmingSpaces().lowercased().unicodeScalars.filter { $0.value >= 32 && $0.value != 127 })
    }
}
