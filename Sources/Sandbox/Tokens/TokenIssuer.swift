import Crypto
import Foundation
import QuiqpayFiles
import JWTKit

/// Mints and checks payment tokens: ES256 JWTs signed with one P-256 key that is generated
/// once and kept (mode 0600) in the data directory, published at `/.well-known/jwks.json`.
final class TokenIssuer: Sendable {
    let kid: String
    private let privateKey: ES256PrivateKey
    private let keys: JWTKeyCollection
    /// Claims of tokens whose header and signature already checked out, by exact token text, so
    /// that a Client polling one payment pays for ES256 verification once. `aud`, `iss`, `nbf` and
    /// `exp` are still checked on every use, and any other spelling of a token (malleated,
    /// truncated, re-signed) is another key and is verified in full.
    private let verified = BoundedCache<PaymentClaims>(capacity: 4_096)

    /// Why a token was refused: `invalid` is a 401, `expired` (well-signed, past `exp`) a 410.
    enum Failure: Error, Equatable { case invalid, expired }

    private init(privateKey: ES256PrivateKey) async throws {
        self.privateKey = privateKey
        guard let parameters = privateKey.parameters else { throw SandboxStartError.signingKey("the key has no public parameters") }
        let digest = SHA256.hash(data: Array((parameters.x + "." + parameters.y).utf8))
        kid = Base64URL.encode(Array(digest).prefix(12))
        keys = JWTKeyCollection()
        await keys.add(ecdsa: privateKey, kid: JWKIdentifier(string: kid))
        // An unknown kid must fail, never fall back to a default key.
        _ = await keys.clearDefault()
    }

    /// A fresh key that lives only in memory.
    static func ephemeral() async throws -> TokenIssuer {
        try await TokenIssuer(privateKey: ES256PrivateKey())
    }

    /// The key kept at `path`, created (mode 0600) on first use.
    static func persistent(at path: String) async throws -> TokenIssuer {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            let pem: String
            do { pem = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw SandboxStartError.signingKey("cannot read \(path)")
            }
            do { return try await TokenIssuer(privateKey: ES256PrivateKey(pem: pem)) } catch {
                throw SandboxStartError.signingKey("\(path) does not hold a P-256 private key in PEM")
            }
        }
        let key = ES256PrivateKey()
        do throws(SecretFileError) {
            try SecretFile.write(Data(key.pemRepresentation.utf8), to: path)
        } catch {
            throw SandboxStartError.file(error.reason)
        }
        return try await TokenIssuer(privateKey: key)
    }

    /// The signed token for `claims`.
    func sign(_ claims: PaymentClaims) async throws -> String {
        try await keys.sign(claims, kid: JWKIdentifier(string: kid), header: JWTHeader(fields: ["typ": .string("JWT")]))
    }

    /// Checks a token completely: the header (`alg` must be ES256 and `kid` ours: RFC 8725 3.1),
    /// the signature, `aud`, `iss`, `nbf`, then `exp`. Returns the claims only if all pass.
    func verify(_ token: String, issuers: Set<String>, now: Int64) async throws(Failure) -> PaymentClaims {
        let claims = try await verifiedSignature(token)
        let nowSeconds = now / 1000
        guard claims.aud == PaymentClaims.audience, issuers.contains(claims.iss), claims.nbf <= nowSeconds else { throw .invalid }
        guard nowSeconds < claims.exp else { throw .expired }
        return claims
    }

    /// The claims of a token whose header and signature check out; memoised by exact text.
    private func verifiedSignature(_ token: String) async throws(Failure) -> PaymentClaims {
        if let claims = verified[token] { return claims }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.utf8.count < 4096,
              let headerBytes = Base64URL.decode(String(parts[0])),
              let header = try? JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any],
              header["alg"] as? String == "ES256", header["kid"] as? String == kid,
              header["crit"] == nil, header["jwk"] == nil, header["jku"] == nil, header["x5u"] == nil
        else { throw .invalid }
        let claims: PaymentClaims
        do { claims = try await keys.verify(token, as: PaymentClaims.self) } catch { throw .invalid }
        verified.insert(claims, for: token)
        return claims
    }

    /// The JWK Set with our one public key, so a Client can verify tokens offline.
    var jwks: JWKSDocument {
        let parameters = privateKey.parameters
        return JWKSDocument(keys: [.init(kty: "EC", crv: "P-256", x: parameters?.x ?? "", y: parameters?.y ?? "",
                                         kid: kid, alg: "ES256", use: "sig")])
    }
}

/// `GET /.well-known/jwks.json`.
struct JWKSDocument: Codable, Sendable {
    struct Key: Codable, Sendable {
        var kty: String
        var crv: String
        var x: String
        var y: String
        var kid: String
        var alg: String
        var use: String
    }

    var keys: [Key]
}

/// Base64url without padding (RFC 7515 section 2).
enum Base64URL {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
