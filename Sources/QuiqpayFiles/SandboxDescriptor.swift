import Foundation

/// `sandbox.json`: what a running sandbox tells the processes that use it (the console, the
/// commands, the reference Client, scripts, tests and benchmarks): where it listens and the keys
/// it minted. The one model of that file. The clear secrets live only here and in the 0600 file
/// (the sandbox's database keeps salted hashes); `description` never shows them.
public struct SandboxDescriptor: Sendable, Codable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// An API key: Basic auth user (identity) and password (secret).
    public struct Key: Sendable, Codable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        public var identity: String
        public var secret: String

        public init(identity: String, secret: String) {
            self.identity = identity
            self.secret = secret
        }

        public var description: String { "\(identity):••••" }
        public var debugDescription: String { description }
        public var customMirror: Mirror { Mirror(self, children: ["identity": identity, "secret": "••••"]) }
    }

    public var baseUrl: String
    /// By role: `agent`, `client`, `admin`.
    public var keys: [String: Key]
    /// The Payment Key a Client sends as `X-Quiq-Payment-Key` with its reply.
    public var paymentKey: String
    /// The demo conversation seeded at first start.
    public var conversationId: String
    public var collectionUrl: String
    /// The CA certificate (PEM) a client must trust to reach `baseUrl` when it is https with a
    /// certificate the sandbox made (`--tls-self-signed`); nil otherwise.
    public var caFile: String?

    public init(baseUrl: String, keys: [String: Key], paymentKey: String, conversationId: String, collectionUrl: String,
                caFile: String? = nil) {
        self.baseUrl = baseUrl
        self.keys = keys
        self.paymentKey = paymentKey
        self.conversationId = conversationId
        self.collectionUrl = collectionUrl
        self.caFile = caFile
    }

    public var agent: Key? { keys["agent"] }
    public var client: Key? { keys["client"] }
    public var admin: Key? { keys["admin"] }

    public var description: String {
        "sandbox at \(baseUrl) (roles \(keys.keys.sorted().joined(separator: ", ")); keys and Payment Key hidden)"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["baseUrl": baseUrl, "keys": keys, "paymentKey": "••••", "conversationId": conversationId,
                                "collectionUrl": collectionUrl, "caFile": caFile as Any])
    }

    /// `DIR/sandbox.json`.
    public static func path(inDataDirectory directory: String) -> String {
        (directory as NSString).appendingPathComponent("sandbox.json")
    }

    /// `DIR/sandbox-ca.pem`: the certificate of the CA `--tls-self-signed` made (public).
    public static func caCertificatePath(inDataDirectory directory: String) -> String {
        (directory as NSString).appendingPathComponent("sandbox-ca.pem")
    }

    /// `DIR/sandbox-ca-key.pem`: that CA's private key (a secret, 0600).
    public static func caKeyPath(inDataDirectory directory: String) -> String {
        (directory as NSString).appendingPathComponent("sandbox-ca-key.pem")
    }

    /// Reads the descriptor a sandbox left in its data directory `directory`.
    public static func load(fromDataDirectory directory: String) throws(SandboxDescriptorError) -> SandboxDescriptor {
        try load(file: path(inDataDirectory: directory))
    }

    /// Reads a descriptor file.
    public static func load(file path: String) throws(SandboxDescriptorError) -> SandboxDescriptor {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        do {
            return try JSONDecoder().decode(SandboxDescriptor.self, from: data)
        } catch {
            throw .unreadable(path: path, reason: "it is not the JSON a quiqpay sandbox writes")
        }
    }

    /// Writes `DIR/sandbox.json` through `SecretFile` (0600, atomic), creating `DIR`.
    public func write(toDataDirectory directory: String) throws(SandboxDescriptorError) {
        do throws(SecretFileError) { try SecretFile.makeDirectory(directory) } catch {
            throw .unwritable(path: directory, reason: error.reason)
        }
        try write(toFile: SandboxDescriptor.path(inDataDirectory: directory))
    }

    /// Writes the descriptor to `path` through `SecretFile` (0600, atomic).
    public func write(toFile path: String) throws(SandboxDescriptorError) {
        let data = try encoded()
        do throws(SecretFileError) { try SecretFile.write(data, to: path) } catch {
            throw .unwritable(path: path, reason: error.reason)
        }
    }

    /// The file's bytes: sorted, pretty JSON.
    public func encoded() throws(SandboxDescriptorError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw .unwritable(path: "sandbox.json", reason: "\(error)")
        }
    }
}

/// Why `sandbox.json` could not be used, as one sentence saying what to do.
public enum SandboxDescriptorError: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "No sandbox has written \(path): start one with `quiqpay sandbox`, or run `quiqpay` to use its embedded one."
        case .unreadable(let path, let reason):
            "\(path) cannot be used (\(reason)): stop the sandbox, delete the file and start it again."
        case .unwritable(let path, let reason):
            "\(path) could not be written (\(reason)): check the folder's permissions."
        }
    }
}
