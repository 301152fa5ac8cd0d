import HTTPTypes
import Hummingbird
import Logging

/// Adds the page's security headers to every response, error pages included, and turns any
/// error that escapes a route (an unknown path, a wrong method) into an escaped HTML page.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// No script at all, styles only from our origin, never framed; forms only to us and to the
    /// origins in `formAction` (a form's redirect must be allowed too, so the Client names the
    /// processor it sends the browser to, and the processor the Client it sends it back to).
    static func policy(formAction: [String]) -> String {
        let targets = (["'self'"] + formAction.filter { !$0.isEmpty }).joined(separator: " ")
        return "default-src 'none'; style-src 'self'; form-action \(targets); frame-ancestors 'none'; base-uri 'none'"
    }

    /// Headers that HTTPTypes has no constant for.
    private static var namedElsewhere: [(String, String)] {
        [("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY")]
    }

    let merchantName: String
    let contentSecurityPolicy: String

    init(merchantName: String, formAction: [String]) {
        self.merchantName = merchantName
        contentSecurityPolicy = SecurityHeadersMiddleware.policy(formAction: formAction)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            let refusal: Refusal = error.status == .notFound || error.status == .methodNotAllowed ? .notFound : .unexpected
            response = HTMLResponse.page(RefusalPage.render(refusal, merchantName: merchantName), status: error.status)
        } catch {
            context.logger.error("Unexpected error in the payment page", metadata: ["error.type": "\(type(of: error))"])
            response = HTMLResponse.page(RefusalPage.render(.unexpected, merchantName: merchantName), status: .internalServerError)
        }
        // A route that knows better (the card page names the Client it returns to) sets its own.
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = contentSecurityPolicy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.cacheControl] = "no-store"
        for (name, value) in SecurityHeadersMiddleware.namedElsewhere {
            if let name = HTTPField.Name(name) { response.headers[name] = value }
        }
        return response
    }
}


/// Builds the responses the routes send.
enum HTMLResponse {
    static func page(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: html.rendered)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
