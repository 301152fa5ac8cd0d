import Foundation

/// The origin of a URL (scheme, host and port), as CSP's `form-action` and error sentences
/// need it: never the path or the query, which may hold the payment token.
enum WebOrigin {
    /// `url`'s origin, or nil when it has no scheme or host. IPv6 hosts keep their brackets.
    static func of(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host,
              !host.isEmpty else { return nil }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)" + (components.port.map { ":\($0)" } ?? "")
    }
}
