import Foundation
import Yams

/// `$XDG_CONFIG_HOME/quiqpay/config.yaml`: the lowest-precedence layer the user writes.
///
/// ```yaml
/// site: acme                      # or https://payments.example.com
/// apiIdentity: 7f0c...
/// secretCommand: pass show quiq/api   # prints the API secret (or set QUIQ_API_SECRET)
/// conversation: a918f237-...
/// currency: EUR                   # what new payments start in (QUIQPAY_CURRENCY overrides)
/// theme: light
/// timeoutSeconds: 10
/// caFile: ~/acme-ca.pem           # the CA of an https site no system root signs (QUIQ_CA_FILE overrides)
/// endpoints:                      # any operation of API.md, pointed elsewhere
///   getPayment: GET /api/v2/payments/{id}
///   listPaymentChanges: off       # a platform without the changes feed: page the list
/// watcher:
///   concurrency: 16
///   youngInterval: 2
///   maxInterval: 30
/// ```
public struct ConfigFile: Sendable, Hashable, Decodable {
    public var site: String?
    public var apiIdentity: String?
    public var apiSecret: String?
    /// A shell command that prints the API secret on stdout (`pass show quiq/api`), so the
    /// secret need be neither in this file nor on any command line.
    public var secretCommand: String?
    public var conversation: String?
    public var currency: String?
    public var theme: String?
    public var timeoutSeconds: Double?
    /// A PEM file of the CA certificates to trust for the site, instead of the system's roots.
    public var caFile: String?
    public var endpoints: [String: String]?
    public var watcher: WatcherSection?

    /// Tuning of the payment watcher; any key left out keeps its default.
    public struct WatcherSection: Sendable, Hashable, Decodable {
        public var concurrency: Int?
        public var youngInterval: Double?
        public var youngAge: Double?
        public var maxInterval: Double?
        /// Seconds between polls of a payment whose customer is on the page.
        public var openedInterval: Double?
        /// Seconds between heartbeats while nothing is active.
        public var idleInterval: Double?
        public var pageSize: Int?
    }

    public init() {}

    /// The file at `path`, or nil when there is none; `warnings` gets a sentence when the
    /// file holds a secret that other users can read (mode & 077), as ssh warns.
    public static func load(path: String, warnings: inout [String]) throws(ConfigurationError) -> ConfigFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .invalidFile(path: path, reason: "it is not readable UTF-8 text")
        }
        let file: ConfigFile
        do {
            // Nothing but comments (a fresh `config init` with nothing filled in) is an empty mapping, not null.
            let isBlank = text.split(whereSeparator: \.isNewline).allSatisfy {
                let line = $0.trimmingCharacters(in: .whitespaces)
                return line.isEmpty || line.hasPrefix("#")
            }
            file = try YAMLDecoder().decode(ConfigFile.self, from: isBlank ? "{}" : text)
        } catch let error as DecodingError {
            throw .invalidFile(path: path, reason: ConfigFile.explain(error))
        } catch {
            throw .invalidFile(path: path, reason: "it is not valid YAML: \(String("\(error)".prefix(120)))")
        }
        if file.apiSecret != nil, let mode = permissions(of: path), mode & 0o077 != 0 {
            warnings.append("warning: \(path) holds an API secret and other users can read it (mode \(String(mode, radix: 8))): run chmod 600 \(path)")
        }
        return file
    }

    static func permissions(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode) & 0o777
    }

    private static func explain(_ error: DecodingError) -> String {
        func name(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(name(context.codingPath)) has the wrong type"
        case .keyNotFound(let key, _):
            return "\(key.stringValue) is missing"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not a YAML mapping" : "\(name(context.codingPath)) is malformed"
        @unknown default:
            return "it does not match the expected keys"
        }
    }
}
