import Crypto

/// A secret kept only as a salted SHA-256 digest: API key secrets and the Payment Key are long
/// random strings, so a fast hash with a per-secret salt is safe, and a constant-time compare
/// leaks nothing about how much of a guess was right.
struct SecretHash: Sendable, Hashable {
    let salt: [UInt8]
    let digest: [UInt8]

    /// Hashes `secret` with a new random salt.
    init(hashing secret: String) {
        salt = RandomText.bytes(16)
        digest = SecretHash.digest(secret, salt: salt)
    }

    init(salt: [UInt8], digest: [UInt8]) {
        self.salt = salt
        self.digest = digest
    }

    /// True when `candidate` is the secret; the time taken does not depend on where they differ.
    func matches(_ candidate: String) -> Bool {
        SecretHash.constantTimeEqual(SecretHash.digest(candidate, salt: salt), digest)
    }

    static func digest(_ secret: String, salt: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Array(secret.utf8))
        return Array(hasher.finalize())
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
