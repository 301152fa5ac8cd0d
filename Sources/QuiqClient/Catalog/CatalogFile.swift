import Foundation
import PaymentCore
import Yams

/// Reads `$XDG_CONFIG_HOME/quiqpay/catalog.yaml` (`DataPaths.catalogFile`): products and
/// templates, described in `catalog.example.yaml` at the repository's root.
///
/// The YAML is walked node by node, not decoded, so a problem names its line, and prices are
/// read from their text (`50.00` is never a floating-point number) into minor units with the
/// currency's ISO 4217 exponent. Every problem is collected; any problem means no catalogue.
public enum CatalogFile {
    /// The catalogue at `path`; nil when there is no file.
    public static func load(path: String) throws(CatalogError) -> ProductCatalog? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CatalogError(path: path, problems: [.init(line: nil, field: "", message: "it cannot be read: check its permissions.")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CatalogError(path: path, problems: [.init(line: nil, field: "", message: "it is not UTF-8 text: save it as UTF-8.")])
        }
        return try parse(text, path: path)
    }

    /// The catalogue `text` describes (`path` only names it in errors).
    public static func parse(_ text: String, path: String) throws(CatalogError) -> ProductCatalog {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw CatalogError(path: path, problems: [syntaxProblem(error)])
        } catch {
            throw CatalogError(path: path, problems: [.init(line: nil, field: "", message: "it is not valid YAML: fix its syntax.")])
        }
        var reader = CatalogReader()
        let catalog = reader.catalog(root)
        if !reader.problems.isEmpty { throw CatalogError(path: path, problems: reader.problems) }
        return catalog
    }

    private static func syntaxProblem(_ error: YamlError) -> CatalogError.Problem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .init(line: mark.line, field: "", message: "the YAML is malformed (\(problem)): fix the indentation or quoting there.")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .init(line: context.mark.line, field: "",
                         message: "the key \(duplicates.map { "“\($0)”" }.joined(separator: ", ")) appears twice in one entry: keep one.")
        default:
            return .init(line: nil, field: "", message: "it is not valid YAML: fix its syntax.")
        }
    }
}

extension CatalogFile {
    /// The template `name` of the catalogue at `path`, with the catalogue its SKUs refer to.
    public static func template(_ name: String, path: String) throws(TemplateLookupError) -> (DraftTemplate, ProductCatalog) {
        let loaded: ProductCatalog?
        do { loaded = try load(path: path) } catch { throw .broken(error) }
        guard let catalog = loaded else { throw .noCatalog(path: path) }
        guard let template = catalog.template(named: name) else {
            throw .unknown(name: name, path: path, known: catalog.templates.map(\.name))
        }
        return (template, catalog)
    }
}
