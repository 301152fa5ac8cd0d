/// Why the sandbox could not start; each says what to do about it.
public enum SandboxStartError: Error, Sendable, CustomStringConvertible {
    case file(String)
    case signingKey(String)
    case database(String)
    case bind(host: String, port: Int, reason: String)
    case invalidCollectionURL(String)
    /// The certificate or key cannot serve TLS: why, and what to give instead.
    case tls(String)

    public var description: String {
        switch self {
        case .file(let what): "The sandbox \(what)."
        case .signingKey(let what): "The sandbox signing key is unusable (\(what)): move the file away to let the sandbox create a new key."
        case .database(let what): "The sandbox database cannot be opened (\(what)): check the data directory, or start with another --data-dir."
        case .bind(let host, let port, let reason): "The sandbox cannot listen on \(host):\(port) (\(reason)): choose another --port, or 0 for any free port."
        case .invalidCollectionURL(let reason): reason
        case .tls(let reason): "The sandbox cannot serve HTTPS: \(reason)."
        }
    }
}
