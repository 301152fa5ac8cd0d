import Foundation

/// The identity and secret of an HTTP Basic `Authorization` header.
struct BasicCredentials: Sendable {
    let identity: String
    let secret: String

    /// Parses `Basic base64(identity:secret)`; the scheme name is case-insensitive (RFC 7617)
    /// and the secret may itself contain colons.
    init?(header: String) {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return nil }
        identity = String(text[..<colon])
        secret = String(text[text.index(after: colon)...])
    }
}
