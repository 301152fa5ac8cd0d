import Hummingbird

/// One route of API.md: method, path in OpenAPI form (`/p/{code}`) and handler. The router is
/// built from the list of these, and a test compares the same list with `openapi.yaml`.
struct Endpoint: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let handler: @Sendable (Request, BasicRequestContext) async throws -> Response

    init(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        self.method = method
        self.path = path
        self.handler = handler
    }

    /// `GET /p/{code}`.
    var name: String { "\(method.rawValue) \(path)" }

    /// Whether a request path fits this endpoint's path template (`{name}` matches one segment).
    func matches(path requestPath: String) -> Bool {
        let template = path.split(separator: "/", omittingEmptySubsequences: false)
        let actual = requestPath.split(separator: "/", omittingEmptySubsequences: false)
        guard template.count == actual.count else { return false }
        return zip(template, actual).allSatisfy { pattern, segment in
            (pattern.hasPrefix("{") && pattern.hasSuffix("}") && !segment.isEmpty) || pattern == segment
        }
    }
}
