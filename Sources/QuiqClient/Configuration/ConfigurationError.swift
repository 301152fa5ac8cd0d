/// Why the console could not work out where to connect, or with what. Each case is one
/// sentence that says what to change; none repeats a secret.
public enum ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidEndpoint(String, reason: String)
    case unknownOperation(String, known: [String])
    case invalidSite(String)
    case invalidFile(path: String, reason: String)
    case missingCredentials(site: String)
    case noSandbox(dataDirectory: String)
    case invalidSandboxFile(path: String, reason: String)
    case invalidCurrency(String, source: String)
    /// config.yaml's `secretCommand` failed, printed nothing, or sits beside `apiSecret`.
    case secretCommand(path: String, problem: SecretCommandProblem)
    /// `quiqpay config init` would replace a file, or cannot write one.
    case configExists(path: String)
    case unwritableConfig(path: String, reason: String)
    case invalidSetting(name: String, reason: String)
    case invalidCAFile(path: String, source: String, reason: String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let text, let reason):
            "The endpoint “\(text)” in config.yaml is not usable: \(reason)."
        case .unknownOperation(let name, let known):
            "config.yaml names an unknown operation “\(name)” under endpoints: use one of \(known.joined(separator: ", "))."
        case .invalidSite(let text):
            "“\(text)” is not a site: set QUIQ_SITE to a tenant name such as acme or a URL such as https://acme.goquiq.com."
        case .invalidFile(let path, let reason):
            "\(path) cannot be read (\(reason)): fix or remove it."
        case .missingCredentials(let site):
            "No API key is configured for \(site): set QUIQ_API_IDENTITY and QUIQ_API_SECRET."
        case .noSandbox(let dataDirectory):
            "No sandbox is running (nothing in \(dataDirectory)): start one with `quiqpay sandbox` or set QUIQ_SITE."
        case .invalidSandboxFile(let path, let reason):
            "The sandbox file \(path) is unreadable (\(reason)): restart the sandbox with `quiqpay sandbox`."
        case .invalidCurrency(let code, let source):
            "“\(code)” in \(source) is not an ISO 4217 currency: use a code such as USD, EUR or JPY."
        case .secretCommand(let path, let problem):
            "The secretCommand in \(path) \(problem.description)."
        case .configExists(let path):
            "\(path) already exists: edit it, or run `quiqpay config init --force` to replace it."
        case .unwritableConfig(let path, let reason):
            "\(path) cannot be written (\(reason)): check the folder's permissions or pass --config PATH."
        case .invalidSetting(let name, let reason):
            "The \(name) for config.yaml is not usable: \(reason)."
        case .invalidCAFile(let path, let source, let reason):
            "The CA file \(path) (\(source)) \(reason): set it to the site's CA certificate in PEM."
        }
    }
}
