import Foundation
import Hummingbird
import PaymentCore

/// Settings (admin): the Payment Collection URL, the Payment Key and the default expiry.
extension SandboxAPI {
    var adminEndpoints: [Endpoint] {
        [
            Endpoint(.get, "/api/v1/payments/settings") { try await self.readSettings($0, $1) },
            Endpoint(.put, "/api/v1/payments/settings") { try await self.updateSettings($0, $1) },
        ]
    }

    func readSettings(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .admin)
        return try JSONCoding.response(try await store.settings())
    }

    func updateSettings(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await authorize(request, as: .admin)
        let update = try await JSONCoding.decodeBody(PaymentSettingsUpdate.self, from: request)
        let violations = update.violations()
        guard violations.isEmpty else { throw SandboxError.validation(violations) }
        let settings = try await store.update(update)
        try updateCredentials { credentials in
            if let url = update.collectionUrl { credentials.collectionUrl = url }
            if let key = update.paymentKey { credentials.paymentKey = key }
        }
        context.logger.info("settings updated", metadata: [
            "collectionUrl.changed": "\(update.collectionUrl != nil)", "paymentKey.changed": "\(update.paymentKey != nil)",
        ])
        return try JSONCoding.response(settings)
    }
}
