import Synchronization

/// The last value read for each key with the ETag it came with, so a poll can send
/// `If-None-Match` and take a `304` as "unchanged" without a body. Holds at most `capacity`
/// keys: a new key beyond that starts the cache afresh (the next reads are full ones).
final class ETagCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: (etag: String, value: Value)]>([:])
    private let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = max(1, capacity)
    }

    func lookup(_ key: String) -> (etag: String, value: Value)? {
        entries.withLock { $0[key] }
    }

    func store(_ key: String, etag: String, value: Value) {
        entries.withLock { entries in
            if entries[key] == nil, entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (etag, value)
        }
    }

    func forget(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
