import Foundation

/// The identity and secret of an HTTP Basic `Authorization` header.
struct BasicCredentials: Sendable {
    let identity: String
    let secret: String

    /// Parses `Basic base64(identity:secret)`; the scheme name is case-insensitive (RFC 7617)
    /// and the secret may itself contain colons. Every request is authenticated, so this works
    /// on the text directly rather than through Foundation's character sets.
    init?(header: String) {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let trimmed = header.drop(while: blank)
        guard let space = trimmed.firstIndex(where: blank), trimmed[..<space].lowercased() == "basic" else { return nil }
        var encoded = trimmed[space...].drop(while: blank)
        while let last = encoded.last, blank(last) { encoded = encoded.dropLast() }
        guard let data = Data(base64Encoded: String(encoded)),
              let text = String(validating: data, as: UTF8.self),
              let colon = text.firstIndex(of: ":") else { return nil }
        identity = String(text[..<colon])
        secret = String(text[text.index(after: colon)...])
    }
}
