import Foundation

/// `openapi.yaml` (API.md as OpenAPI 3.1), compiled into the binary by the EmbedFiles plugin
/// from `Resources/openapi.yaml`, so a copied `quiqpay` serves it with nothing beside it.
enum OpenAPIDocument {
    static var data: Data { Data(EmbeddedOpenAPI.openapi.utf8) }
}
