import QuiqClient

/// Why the console's services could not start, as one sentence saying what to do.
public enum ConsoleStartError: Error, Sendable, CustomStringConvertible {
    /// The site, keys or files are not usable.
    case configuration(ConfigurationError)
    /// The embedded sandbox could not start.
    case sandbox(String)
    /// The embedded reference Client could not start or register.
    case referenceClient(ReferenceClientError)

    public var description: String {
        switch self {
        case .configuration(let error): error.description
        case .sandbox(let reason): reason
        case .referenceClient(let error): error.description
        }
    }
}
