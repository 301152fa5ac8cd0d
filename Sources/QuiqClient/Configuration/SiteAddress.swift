/// What `QUIQ_SITE` may hold: a tenant name (`acme` -> `https://acme.goquiq.com`) or a full
/// base URL; API.md's `/api/v1` paths go under either.
public enum SiteAddress {
    /// The base URL for `text`, without a trailing slash or a trailing `/api/v1`
    /// (the endpoint table adds that).
    public static func baseURL(for text: String) throws(ConfigurationError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("://") {
            guard trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://") else { throw .invalidSite(text) }
            var url = Substring(trimmed)
            while url.hasSuffix("/") { url = url.dropLast() }
            if url.hasSuffix("/api/v1") { url = url.dropLast("/api/v1".count) }
            let host = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first ?? ""
            guard !host.isEmpty else { throw .invalidSite(text) }
            return String(url)
        }
        let isName = !trimmed.isEmpty && trimmed.count <= 63 && trimmed.allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")
        } && !trimmed.hasPrefix("-") && !trimmed.hasSuffix("-")
        guard isName else { throw .invalidSite(text) }
        return "https://\(trimmed.lowercased()).goquiq.com"
    }
}

import Foundation
