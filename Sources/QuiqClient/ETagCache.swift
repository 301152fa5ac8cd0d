import Synchronization

/// The last value read for each key with the ETag it came with, so a poll can send
/// `If-None-Match` and take a `304` as "unchanged" without a body.
final class ETagCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: (etag: String, value: Value)]>([:])

    func lookup(_ key: String) -> (etag: String, value: Value)? {
        entries.withLock { $0[key] }
    }

    func store(_ key: String, etag: String, value: Value) {
        entries.withLock { $0[key] = (etag, value) }
    }

    func forget(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
