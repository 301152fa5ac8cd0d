import Foundation
import PaymentCore

extension DraftFlags {
    /// The text of `send --template NAME`, read from the catalogue at `catalogPath` (the file
    /// Compose reads), with its key pattern filled for now in this machine's time zone.
    public func templateText(named name: String, catalogPath: String, conversationId: String,
                             defaultCurrency: Currency) throws(DraftFlagsError) -> DraftText {
        let found: (DraftTemplate, ProductCatalog)
        do { found = try CatalogFile.template(name, path: catalogPath) } catch {
            throw .template(name: name, reason: error.description)
        }
        return try templateText(found.0, named: name, catalog: found.1, catalogPath: catalogPath, conversationId: conversationId,
                                defaultCurrency: defaultCurrency, at: Date(), utcOffsetSeconds: TimeZone.current.secondsFromGMT())
    }
}
