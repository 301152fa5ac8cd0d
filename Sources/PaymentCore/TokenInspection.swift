import Foundation

/// A payment token's header and claims, decoded for display only (no signature check: the
/// console shows agents what the platform minted; the platform and the Client verify it).
public struct TokenInspection: Hashable, Sendable {
    /// Header fields in the token's own order, values as compact JSON text.
    public let header: [(name: String, value: String)]
    /// Claims in the token's own order; time claims keep their raw value.
    public let claims: [(name: String, value: String)]

    public static func == (lhs: TokenInspection, rhs: TokenInspection) -> Bool {
        lhs.header.elementsEqual(rhs.header, by: ==) && lhs.claims.elementsEqual(rhs.claims, by: ==)
    }

    public func hash(into hasher: inout Hasher) {
        for field in header + claims { hasher.combine(field.name); hasher.combine(field.value) }
    }

    /// Decodes `header.payload.signature`; nil when the text is not a JWT.
    public init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = TokenInspection.fields(of: parts[0]),
              let claims = TokenInspection.fields(of: parts[1]) else { return nil }
        self.header = header
        self.claims = claims
    }

    /// A claim's value by name (`exp`, `sub`, ...).
    public func claim(_ name: String) -> String? { claims.first { $0.name == name }?.value }

    private static func fields(of segment: Substring) -> [(name: String, value: String)]? {
        var base64 = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        let order = orderedKeys(in: data) ?? object.keys.sorted()
        return order.compactMap { key in
            guard let value = object[key] else { return nil }
            return (key, display(value))
        }
    }

    /// The keys of a flat JSON object in document order (JSONSerialization loses it).
    private static func orderedKeys(in data: Data) -> [String]? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        var keys: [String] = []
        var depth = 0
        var index = text.startIndex
        var expectingKey = false
        while index < text.endIndex {
            let c = text[index]
            switch c {
            case "{", "[": depth += 1; expectingKey = depth == 1 && c == "{"
            case "}", "]": depth -= 1
            case ",": if depth == 1 { expectingKey = true }
            case "\"":
                var end = text.index(after: index)
                var literal = ""
                while end < text.endIndex, text[end] != "\"" {
                    if text[end] == "\\" { end = text.index(after: end) }
                    if end < text.endIndex { literal.append(text[end]); end = text.index(after: end) }
                }
                if expectingKey, depth == 1 { keys.append(literal); expectingKey = false }
                index = end
            default: break
            }
            if index < text.endIndex { index = text.index(after: index) }
        }
        return keys.isEmpty ? nil : keys
    }

    private static func display(_ value: Any) -> String {
        switch value {
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        case is NSNull: return "null"
        default:
            // Only an array or an object may be serialised (anything else traps in Foundation).
            guard JSONSerialization.isValidJSONObject(value),
                  let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "?" }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
