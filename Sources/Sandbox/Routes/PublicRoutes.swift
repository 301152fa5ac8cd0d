import Foundation
import HTTPTypes
import Hummingbird

/// Routes without auth: short links, the JWK Set, health and the contract itself.
extension SandboxAPI {
    var publicEndpoints: [Endpoint] {
        [
            Endpoint(.get, "/p/{code}") { try await self.shortLink($0, $1) },
            Endpoint(.get, "/.well-known/jwks.json") { _, _ in try JSONCoding.response(self.issuer.jwks) },
            // `platform` says this is a quiqpay sandbox, so a console reaching it through QUIQ_SITE says SANDBOX.
            Endpoint(.get, "/healthz") { _, _ in try JSONCoding.response(["status": "ok", "platform": SandboxPlatform.name]) },
            Endpoint(.get, "/api/v1/openapi.yaml") { _, _ in try self.openAPI() },
        ]
    }

    func shortLink(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let code = context.parameters.get("code") ?? ""
        guard code.count >= 8, code.count <= 32, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              let url = try await store.paymentURL(shortCode: code)
        else { throw SandboxError.notFound("This short link does not exist: ask the agent to send the payment link again.") }
        var headers: HTTPFields = [.location: url]
        if let name = HTTPField.Name("Referrer-Policy") { headers[name] = "no-referrer" }
        events.emit(.shortLinkOpened(code: code))
        return Response(status: .found, headers: headers)
    }

    func openAPI() throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: openAPIDocument)))
    }
}
