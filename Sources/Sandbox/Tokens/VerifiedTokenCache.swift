import Synchronization

/// Remembers the claims of tokens whose header and signature already checked out, keyed by
/// the token's exact text, so that a Client polling one payment pays for ES256 verification
/// once instead of on every read. Only the signature check is memoised: `aud`, `iss`, `nbf`
/// and `exp` are still checked on every use, and any other spelling of a token (malleated,
/// truncated, re-signed) is a different key and is verified in full.
final class VerifiedTokenCache: Sendable {
    private struct Storage {
        var claims: [String: PaymentClaims] = [:]
        var order: [String] = []
        var next = 0
    }

    private let capacity: Int
    private let storage = Mutex(Storage())

    init(capacity: Int = 4_096) {
        self.capacity = max(1, capacity)
    }

    func claims(for token: String) -> PaymentClaims? {
        storage.withLock { $0.claims[token] }
    }

    /// Adds a verified token, evicting the oldest entry once full.
    func insert(_ token: String, claims: PaymentClaims) {
        storage.withLock { s in
            guard s.claims[token] == nil else { return }
            if s.order.count < capacity {
                s.order.append(token)
            } else {
                s.claims[s.order[s.next]] = nil
                s.order[s.next] = token
                s.next = (s.next + 1) % capacity
            }
            s.claims[token] = claims
        }
    }
}
