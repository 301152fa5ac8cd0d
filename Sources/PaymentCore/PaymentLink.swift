/// The Payment Collection URL with the payment token and optional key applied (step 1 of the
/// flow): `collectionUrl?token=...&key=...`.
public enum PaymentLink {
    /// Builds the link, keeping any query and fragment the collection URL already has and
    /// percent-encoding the values; `key` is left out when nil.
    public static func build(collectionUrl: String, token: String, key: String?) throws(CollectionURLError) -> String {
        try validate(collectionUrl: collectionUrl)
        var base = Substring(collectionUrl)
        var fragment: Substring = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = base[hash...]
            base = base[..<hash]
        }
        var query = "token=" + percentEncoded(token)
        if let key { query += "&key=" + percentEncoded(key) }
        let separator: String
        if let questionMark = base.firstIndex(of: "?") {
            let existing = base[base.index(after: questionMark)...]
            separator = existing.isEmpty || existing.hasSuffix("&") ? "" : "&"
        } else {
            separator = "?"
        }
        return String(base) + separator + query + String(fragment)
    }

    /// Checks that a collection URL is `https`, or `http` on a loopback host (for local demos),
    /// has a host, carries no credentials, and does not already use `token` or `key`.
    public static func validate(collectionUrl: String) throws(CollectionURLError) {
        guard let parts = URLParts(collectionUrl) else { throw .malformed(collectionUrl) }
        guard parts.userinfo == nil else { throw .credentials }
        guard !parts.host.isEmpty else { throw .malformed(collectionUrl) }
        switch parts.scheme {
        case "https": break
        case "http": guard isLoopback(host: parts.host) else { throw .notHTTPS(host: parts.host) }
        default: throw .notHTTPS(host: parts.host)
        }
        let names = parts.query.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "" }
        if let clash = names.first(where: { $0 == "token" || $0 == "key" }) { throw .reservedParameter(clash) }
    }

    /// `localhost`, `127.0.0.0/8` and `[::1]`: the hosts for which plain http is allowed.
    public static func isLoopback(host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "[::1]" || lower == "::1" { return true }
        let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.first == "127" else { return false }
        return octets.allSatisfy { $0.count <= 3 && UInt8($0) != nil }
    }

    /// RFC 3986 unreserved characters stay; every other byte of the UTF-8 is %XX.
    public static func percentEncoded(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || c == "-" || c == "." || c == "_" || c == "~" {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

/// Why a collection URL cannot be used.
public enum CollectionURLError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case notHTTPS(host: String)
    case credentials
    case reservedParameter(String)

    public var description: String {
        switch self {
        case .malformed(let url): "“\(url)” is not a URL: enter one such as https://pay.example.com/checkout."
        case .notHTTPS(let host): "The collection URL for \(host) must use https (plain http is allowed only on localhost)."
        case .credentials: "Remove the user name and password from the collection URL: links are shared with customers."
        case .reservedParameter(let name): "The collection URL already has a “\(name)” parameter, which the platform adds itself: remove it."
        }
    }
}

/// The pieces of an absolute URL that the rules above look at; a deliberately small parser
/// so that behaviour does not depend on Foundation's platform differences.
struct URLParts {
    let scheme: String
    let userinfo: String?
    let host: String
    let query: Substring

    init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        let afterScheme = text[text.index(after: colon)...]
        guard afterScheme.hasPrefix("//") else { return nil }
        let rest = afterScheme.dropFirst(2)
        guard !rest.contains(where: { $0 == " " || $0.isNewline }) else { return nil }
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        } else {
            userinfo = nil
        }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = String(authority[...close])
        } else {
            host = String(authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }
        let afterAuthority = rest[authorityEnd...]
        if let questionMark = afterAuthority.firstIndex(of: "?") {
            let queryStart = afterAuthority.index(after: questionMark)
            let queryEnd = afterAuthority[queryStart...].firstIndex(of: "#") ?? afterAuthority.endIndex
            query = afterAuthority[queryStart..<queryEnd]
        } else {
            query = ""
        }
        self.scheme = scheme
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
