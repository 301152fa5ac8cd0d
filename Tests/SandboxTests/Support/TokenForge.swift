import Crypto
import Foundation

/// Builds JWTs by hand, the way an attacker would, to prove the sandbox refuses each forgery.
enum TokenForge {
    static func base64url(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    static func json(_ object: [String: Any]) throws -> String {
        base64url(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// The header and claims of a real token, to tamper with.
    static func parts(of token: String) throws -> (header: [String: Any], claims: [String: Any]) {
        let pieces = token.split(separator: ".")
        guard pieces.count == 3, let header = unbase64url(pieces[0]), let claims = unbase64url(pieces[1]) else {
            throw HarnessError.unexpected(0, "not a JWT")
        }
        return (try JSONSerialization.jsonObject(with: header) as? [String: Any] ?? [:],
                try JSONSerialization.jsonObject(with: claims) as? [String: Any] ?? [:])
    }

    static func es256(header: [String: Any], claims: [String: Any], key: P256.Signing.PrivateKey) throws -> String {
        let input = try json(header) + "." + json(claims)
        return input + "." + base64url(try key.signature(for: Data(input.utf8)).rawRepresentation)
    }

    static func hs256(header: [String: Any], claims: [String: Any], secret: Data) throws -> String {
        let input = try json(header) + "." + json(claims)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: secret))
        return input + "." + base64url(Data(mac))
    }

    static func unsigned(header: [String: Any], claims: [String: Any]) throws -> String {
        try json(header) + "." + json(claims) + "."
    }

    /// Verifies an ES256 token with a JWK as a Client would, offline.
    static func verifiesOffline(_ token: String, jwk: [String: Any]) throws -> Bool {
        guard let x = (jwk["x"] as? String).flatMap(unbase64url), let y = (jwk["y"] as? String).flatMap(unbase64url) else { return false }
        let key = try P256.Signing.PublicKey(rawRepresentation: x + y)
        let pieces = token.split(separator: ".")
        guard pieces.count == 3, let signature = unbase64url(pieces[2]) else { return false }
        return key.isValidSignature(try P256.Signing.ECDSASignature(rawRepresentation: signature),
                                    for: Data("\(pieces[0]).\(pieces[1])".utf8))
    }
}

extension TokenForge {
    /// The same token spelled differently but still validly signed: ECDSA's (r, s) and (r, n - s)
    /// both verify, so a token string is not an identity (SECURITY-NOTES.md).
    static func otherSpelling(of token: String) -> String? {
        let pieces = token.split(separator: ".")
        guard pieces.count == 3, let signature = unbase64url(pieces[2]), signature.count == 64 else { return nil }
        // The order n of P-256.
        let order: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                              0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51]
        let s = Array(signature.suffix(32))
        var negated = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in (0..<32).reversed() {
            var difference = Int(order[index]) - Int(s[index]) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 256 }
            negated[index] = UInt8(difference)
        }
        return "\(pieces[0]).\(pieces[1])." + base64url(Data(signature.prefix(32)) + Data(negated))
    }
}
