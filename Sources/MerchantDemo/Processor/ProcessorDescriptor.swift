import Foundation
import QuiqpayFiles

/// Where a fake processor listens and its two keys: the publishable key, which the Client's
/// page hands to the browser, and the secret key, which only the Client's back end sends.
/// `quiqpay processor` writes it to a 0600 file instead of printing the secret, and
/// `quiqpay merchant --processor-file` reads it back. `description` never shows the secret.
public struct ProcessorDescriptor: Sendable, Hashable, Codable, CustomStringConvertible, CustomReflectable {
    /// `http://127.0.0.1:PORT`: the processor's own origin.
    public var baseUrl: String
    public var publishableKey: String
    public var secretKey: String

    public init(baseUrl: String, publishableKey: String, secretKey: String) {
        self.baseUrl = baseUrl
        self.publishableKey = publishableKey
        self.secretKey = secretKey
    }

    /// Fresh test-mode keys for a processor about to start.
    static func newKeys() -> (publishable: String, secret: String) {
        ("pk_test_" + ProcessorLedger.randomHex(24), "sk_test_" + ProcessorLedger.randomHex(40))
    }

    public var description: String {
        "ProcessorDescriptor(baseUrl: \(baseUrl), publishableKey: \(publishableKey), secretKey: <redacted>)"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseUrl": baseUrl, "publishableKey": publishableKey, "secretKey": "<redacted>"])
    }

    /// Writes the descriptor as JSON readable by its owner only, through `SecretFile`.
    public func write(to path: String) throws(ProcessorDescriptorError) {
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            data = try encoder.encode(self)
        } catch {
            throw .unwritable(path)
        }
        do throws(SecretFileError) {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try SecretFile.makeDirectory(directory) }
            try SecretFile.write(data, to: path)
        } catch {
            throw .unwritable(path)
        }
    }

    /// Reads a descriptor written by `write(to:)`.
    public static func read(from path: String) throws(ProcessorDescriptorError) -> ProcessorDescriptor {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw .unreadable(path) }
        do { return try JSONDecoder().decode(ProcessorDescriptor.self, from: data) } catch { throw .notADescriptor(path) }
    }
}

/// Why a processor descriptor could not be written or read; names the file, never a key.
public enum ProcessorDescriptorError: Error, Sendable, Hashable, CustomStringConvertible {
    case unwritable(String)
    case unreadable(String)
    case notADescriptor(String)

    public var description: String {
        switch self {
        case .unwritable(let path): "Could not write \(path): choose a folder you can write to with --descriptor."
        case .unreadable(let path): "Could not read \(path): start `quiqpay processor` first, or check the path."
        case .notADescriptor(let path): "\(path) is not a file written by `quiqpay processor`: start it again to rewrite the file."
        }
    }
}
