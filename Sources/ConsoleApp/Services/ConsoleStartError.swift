import QuiqClient
import Terminal

/// Why the console's services could not start, or its terminal could not be taken over, as one sentence saying what to do.
public enum ConsoleStartError: Error, Sendable, CustomStringConvertible {
    /// The site, keys or files are not usable.
    case configuration(ConfigurationError)
    /// The embedded sandbox could not start.
    case sandbox(String)
    /// The embedded reference Client could not start or register.
    case referenceClient(ReferenceClientError)
    /// The terminal could not be taken over for the full-screen console.
    case terminal(TerminalError)

    public var description: String {
        switch self {
        case .configuration(let error): error.description
        case .sandbox(let reason): reason
        case .referenceClient(let error): error.description
        case .terminal(let error): error.description
        }
    }
}
