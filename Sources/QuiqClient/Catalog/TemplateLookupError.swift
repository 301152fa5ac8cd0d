/// Why `send --template NAME` has no template to start from; each case says what to do.
public enum TemplateLookupError: Error, Hashable, Sendable, CustomStringConvertible {
    case noCatalog(path: String)
    case broken(CatalogError)
    case unknown(name: String, path: String, known: [String])

    public var description: String {
        switch self {
        case .noCatalog(let path):
            "There is no catalogue at \(path): copy catalog.example.yaml there and add your templates."
        case .broken(let error):
            error.fullDescription
        case .unknown(let name, let path, let known):
            known.isEmpty
                ? "\(path) has no templates: add “\(name)” under templates: (see catalog.example.yaml)."
                : "\(path) has no template “\(name)”: use one of \(known.joined(separator: ", "))."
        }
    }
}
