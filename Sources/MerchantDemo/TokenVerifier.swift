import Foundation
import JWTKit

/// The claims of a payment token (API.md "The payment token").
struct PaymentTokenClaims: JWTPayload {
    var iss: IssuerClaim
    var aud: AudienceClaim
    /// The payment id.
    var sub: SubjectClaim
    /// The conversation id.
    var cid: String?
    var iat: IssuedAtClaim?
    var nbf: NotBeforeClaim
    var exp: ExpirationClaim
    var jti: IDClaim?

    /// jwt-kit calls this after the signature checks; the claims are checked by `TokenVerifier`
    /// instead, so that each failure comes out as its own `TokenRejection`.
    func verify(using _: some JWTAlgorithm) async throws {}
}

/// Why a token was refused. The page says only "not valid" or "expired"; the case is for logs.
enum TokenRejection: Error, Sendable, Equatable {
    case malformed
    case wrongAlgorithm
    case unknownKey
    case badSignature
    case wrongAudience
    case wrongIssuer
    case notYetValid
    case expired
    /// The JWKS could not be fetched, so nothing can be verified.
    case keysUnavailable
}

/// Verifies payment tokens offline against the platform's JWKS, strictly: the header must say
/// ES256 with a `kid` the JWKS publishes (no default key), and `aud`, `iss`, `nbf` and `exp`
/// must all hold. An unknown `kid` refetches the JWKS, at most once per `refetchInterval`,
/// so a key rotation on the platform is picked up without letting forged kids hammer it.
actor TokenVerifier {
    static let audience = "quiq-custom-pay"
    private static let refetchInterval: Duration = .seconds(10)
    private static let nbfLeeway: TimeInterval = 5

    private let platform: PlatformClient
    private let issuer: String
    private let now: @Sendable () -> Date
    private var keys = JWTKeyCollection()
    private var knownKids: Set<String> = []
    private var lastFetch: ContinuousClock.Instant?

    init(platform: PlatformClient, issuer: String, now: @escaping @Sendable () -> Date) {
        self.platform = platform
        self.issuer = issuer
        self.now = now
    }

    func verify(_ token: String) async throws(TokenRejection) -> PaymentTokenClaims {
        let header = try TokenVerifier.header(of: token)
        guard header.alg == "ES256" else { throw .wrongAlgorithm }
        guard let kid = header.kid, !kid.isEmpty else { throw .unknownKey }
        if !knownKids.contains(kid) { try await refreshKeys() }
        guard knownKids.contains(kid) else { throw .unknownKey }

        let claims: PaymentTokenClaims
        do {
            claims = try await keys.verify(token, as: PaymentTokenClaims.self)
        } catch {
            throw .badSignature
        }
        guard claims.aud.value.contains(TokenVerifier.audience) else { throw .wrongAudience }
        guard TokenVerifier.trimmed(claims.iss.value) == issuer else { throw .wrongIssuer }
        let current = now()
        guard claims.nbf.value.timeIntervalSince(current) <= TokenVerifier.nbfLeeway else { throw .notYetValid }
        guard claims.exp.value > current else { throw .expired }
        guard !claims.sub.value.isEmpty else { throw .malformed }
        return claims
    }

    private struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    private static func header(of token: String) throws(TokenRejection) -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isBase64URL) }),
              let data = base64URLDecode(parts[0]),
              let header = try? JSONDecoder().decode(Header.self, from: data) else { throw .malformed }
        return header
    }

    private static func isBase64URL(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }

    static func base64URLDecode(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    private struct KeySet: Decodable {
        struct Key: Decodable {
            var kty: String?
            var crv: String?
            var kid: String?
            var x: String?
            var y: String?
            var use: String?
        }
        var keys: [Key]
    }

    /// Replaces the key collection with the P-256 keys the JWKS publishes now.
    private func refreshKeys() async throws(TokenRejection) {
        let clock = ContinuousClock()
        // Only a successful fetch counts: while the platform is unreachable every request retries,
        // and says so, instead of calling a genuine token unknown.
        if let lastFetch, clock.now - lastFetch < TokenVerifier.refetchInterval { return }
        let data: Data
        do { data = try await platform.jwks() } catch { throw .keysUnavailable }
        guard let set = try? JSONDecoder().decode(KeySet.self, from: data) else { throw .keysUnavailable }
        lastFetch = clock.now
        let fresh = JWTKeyCollection()
        var kids: Set<String> = []
        for key in set.keys where key.kty == "EC" && key.crv == "P-256" && (key.use == nil || key.use == "sig") {
            guard let kid = key.kid, let x = key.x, let y = key.y,
                  let publicKey = try? ES256PublicKey(parameters: (x, y)) else { continue }
            await fresh.add(ecdsa: publicKey, kid: JWKIdentifier(string: kid))
            kids.insert(kid)
        }
        // A token whose kid is not in the JWKS must fail, not fall back to some key.
        _ = await fresh.clearDefault()
        keys = fresh
        knownKids = kids
    }
}
