import Foundation

/// One agent-side operation of API.md. The raw value is the name a user writes in the
/// `endpoints:` section of the config file to point the operation at another path.
public enum Operation: String, Sendable, Hashable, CaseIterable, Codable {
    case createPayment
    case listConversationPayments
    case listPayments
    /// The changes feed (`changedSince`, docs/API.md): optional, so config can turn it `off`.
    case listPaymentChanges
    case getPayment
    case cancelPayment
    /// Posts a payment's short link into its conversation again (docs/API.md §6.12).
    case resendLink
    case getConversation
    case getSettings
    case putSettings
    /// API.md's public `GET /healthz`: the console's heartbeat while no transcript is shown.
    case health

    /// Whether the operation only reads: such calls follow `QuiqAPI.Options.readRetry`.
    public var isRead: Bool {
        switch self {
        case .listConversationPayments, .listPayments, .listPaymentChanges, .getPayment, .getConversation, .getSettings, .health: true
        case .createPayment, .cancelPayment, .resendLink, .putSettings: false
        }
    }
}

extension Operation {
    /// Whether config.yaml may turn the operation off: only one the console can do without
    /// (the changes feed, whose fallback is paging the list).
    public var canBeTurnedOff: Bool { self == .listPaymentChanges }
}

/// How one operation is reached: an HTTP method and a path template such as
/// `/api/v1/payment-requests/{id}`, whose `{name}` placeholders are filled per call.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var pathTemplate: String

    public init(method: String, pathTemplate: String) {
        self.method = method.uppercased()
        self.pathTemplate = pathTemplate
    }

    /// Reads `"GET /api/v1/payment-requests/{id}"` (or a bare path, keeping `defaultMethod`).
    public init(parsing text: String, defaultMethod: String) throws(ConfigurationError) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        switch parts.count {
        case 1:
            self.init(method: defaultMethod, pathTemplate: String(parts[0]))
        case 2:
            let method = parts[0].uppercased()
            guard ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) else {
                throw .invalidEndpoint(text, reason: "\(parts[0]) is not an HTTP method")
            }
            self.init(method: method, pathTemplate: String(parts[1]))
        default:
            throw .invalidEndpoint(text, reason: "write it as METHOD /path/{placeholder}")
        }
        guard pathTemplate.hasPrefix("/") else {
            throw .invalidEndpoint(text, reason: "the path must start with /")
        }
    }

    public var description: String { "\(method) \(pathTemplate)" }

    /// The template's placeholder names, in order (`{conversationId}` -> `conversationId`).
    public var placeholders: [String] {
        var names: [String] = []
        var rest = Substring(pathTemplate)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The path with every placeholder replaced by its percent-encoded value.
    public func path(_ values: [String: String]) -> String {
        var out = pathTemplate
        for (name, value) in values {
            out = out.replacingOccurrences(of: "{\(name)}", with: Endpoint.encodeSegment(value))
        }
        return out
    }

    /// RFC 3986 unreserved characters stay, everything else is %XX, so an id can never
    /// escape its path segment.
    static func encodeSegment(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
