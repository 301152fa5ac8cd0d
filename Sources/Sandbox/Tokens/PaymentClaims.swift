import JWTKit

/// The claims of a payment token (API.md): who issued it, for whom, which payment and
/// conversation, and when it is valid.
struct PaymentClaims: JWTPayload, Equatable {
    var iss: String
    var aud: String
    var sub: String
    var cid: String
    var iat: Int64
    var nbf: Int64
    var exp: Int64
    var jti: String

    static let audience = "quiq-custom-pay"

    /// Claims are checked by `TokenIssuer.verify` against the sandbox's own clock, so that a test
    /// clock governs expiry exactly as it governs the store; jwt-kit checks none on its own.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
