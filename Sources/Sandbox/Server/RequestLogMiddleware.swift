import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Gives each request an id (the caller's `X-Request-Id` if sane, else a new one), logs one
/// line per request with that id, and turns every error into API.md's error shape. Paths are
/// logged with tokens and short-link codes redacted: they are bearer secrets.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let logger: Logger
    /// The methods served at a path, to tell "wrong method" (405 with `Allow`) from "no such path" (404).
    let methodsAt: @Sendable (String) -> [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let callerID = request.headers.value(named: "x-request-id").flatMap { id in
            id.count <= 64 && id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) ? id : nil
        }
        let requestID = callerID ?? RequestIDs.next()
        var context = context
        context.logger[metadataKey: "request.id"] = "\(requestID)"
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as SandboxError {
            response = Self.response(for: error)
        } catch let error as HTTPError {
            let sandboxError: SandboxError = switch error.status {
            case .notFound where !methodsAt(request.uri.path).isEmpty:
                SandboxError(status: .methodNotAllowed, code: "method_not_allowed",
                             message: "This path does not take \(request.method.rawValue): use \(methodsAt(request.uri.path).joined(separator: " or ")).",
                             headers: [.allow: methodsAt(request.uri.path).joined(separator: ", ")])
            case .notFound: .notFound("No such endpoint: check the method and path against API.md.")
            case .contentTooLarge: .tooLarge()
            case .methodNotAllowed: SandboxError(status: .methodNotAllowed, code: "method_not_allowed", message: "This path does not take this method: see API.md.")
            default: SandboxError(status: error.status, code: "http_error", message: "The request could not be handled: check it against API.md.")
            }
            response = Self.response(for: sandboxError)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            response = Self.response(for: .internalError())
        }
        if let name = HTTPField.Name("X-Request-Id") { response.headers[name] = requestID }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        response.headers[.xContentTypeOptions] = "nosniff"
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("\(request.method.rawValue) \(Self.redacted(request.uri.path)) \(response.status.code)", metadata: [
            "duration.ms": "\(String(format: "%.2f", milliseconds))",
        ])
        return response
    }

    static func response(for error: SandboxError) -> Response {
        let data = (try? JSONCoding.encode(error.body)) ?? Data()
        return JSONCoding.response(data: data, status: error.status, headers: error.headers)
    }

    /// `/api/v1/messaging/custom-interactions/{token}/reply`, `/p/{code}`.
    static func redacted(_ path: String) -> String {
        let prefix = "/api/v1/messaging/custom-interactions/"
        if path.hasPrefix(prefix) {
            return prefix + "{token}" + (path.hasSuffix("/reply") ? "/reply" : "")
        }
        if path.hasPrefix("/p/") { return "/p/{code}" }
        return path.count > 200 ? String(path.prefix(200)) + "…" : path
    }
}

/// Request ids unique to this process: a random prefix drawn once and a counter. They only have
/// to tell requests apart in the logs, so no randomness is spent on each one.
enum RequestIDs {
    private static let prefix = RandomText.base62(count: 8)
    private static let counter = Atomic<UInt64>(0)

    static func next() -> String {
        prefix + "-" + String(counter.add(1, ordering: .relaxed).newValue, radix: 36)
    }
}
