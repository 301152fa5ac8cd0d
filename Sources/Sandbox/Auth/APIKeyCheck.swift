/// The API keys, loaded once at start (they change only when the sandbox seeds them), checked
/// without touching the database on every request.
struct APIKeyCheck: Sendable {
    struct Entry: Sendable {
        let role: APIKeyRole
        let hash: SecretHash
    }

    let keys: [String: Entry]

    /// Compared against when the identity is unknown, so that an unknown identity costs the
    /// same hash and compare as a known one and timing does not reveal which identities exist.
    private static let decoy = SecretHash(salt: Array(repeating: 0, count: 16), digest: Array(repeating: 0xFF, count: 32))

    /// The role of the key `identity` if `secret` is its secret.
    func role(identity: String, secret: String) -> APIKeyRole? {
        let entry = keys[identity]
        let matches = (entry?.hash ?? Self.decoy).matches(secret)
        return matches ? entry?.role : nil
    }
}
