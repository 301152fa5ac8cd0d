import Foundation

/// `sandbox.json`, written by a running `quiqpay sandbox` into its data directory: where it
/// listens and the keys it minted, so commands can reach it with no configuration at all.
public struct SandboxDescriptor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One API key of the sandbox.
    public struct Key: Sendable, Hashable, Codable {
        public var identity: String
        public var secret: String

        public init(identity: String, secret: String) {
            self.identity = identity
            self.secret = secret
        }

        public var credentials: Credentials { Credentials(identity: identity, secret: secret) }
    }

    public var baseUrl: String
    /// Keys per role: `agent`, `client`, `admin`.
    public var keys: [String: Key]
    public var paymentKey: String?
    public var conversationId: String?
    public var collectionUrl: String?

    public init(baseUrl: String, keys: [String: Key], paymentKey: String? = nil,
                conversationId: String? = nil, collectionUrl: String? = nil) {
        self.baseUrl = baseUrl
        self.keys = keys
        self.paymentKey = paymentKey
        self.conversationId = conversationId
        self.collectionUrl = collectionUrl
    }

    public var description: String { "sandbox at \(baseUrl) (keys hidden)" }

    /// `DIR/sandbox.json`.
    public static func path(inDataDirectory directory: String) -> String {
        (directory as NSString).appendingPathComponent("sandbox.json")
    }

    /// Reads the descriptor a running sandbox left in `directory`.
    public static func load(fromDataDirectory directory: String) throws(ConfigurationError) -> SandboxDescriptor {
        let path = path(inDataDirectory: directory)
        guard FileManager.default.fileExists(atPath: path) else { throw .noSandbox(dataDirectory: directory) }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(SandboxDescriptor.self, from: data)
        } catch {
            throw .invalidSandboxFile(path: path, reason: error is DecodingError ? "not the expected JSON" : "\(error.localizedDescription)")
        }
    }

    /// Writes the descriptor readable by its owner only (it holds secrets).
    public func write(toDataDirectory directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let path = SandboxDescriptor.path(inDataDirectory: directory)
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}
