import Synchronization

/// A thread-safe map from text to values that holds at most `capacity` keys, forgetting the
/// oldest-inserted key first. The sandbox's memos (verified tokens, encoded payment views) use
/// it; each stores with its value whatever it needs to tell whether the value is still current.
final class BoundedCache<Value: Sendable>: Sendable {
    private struct Storage {
        var values: [String: Value] = [:]
        var order: [String] = []
        var next = 0
    }

    private let capacity: Int
    private let storage = Mutex(Storage())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    subscript(key: String) -> Value? {
        storage.withLock { $0.values[key] }
    }

    /// The values of `keys`, in order (nil where absent), under one lock.
    func values(for keys: [String]) -> [Value?] {
        storage.withLock { s in keys.map { s.values[$0] } }
    }

    /// Stores `value`, replacing the key's older value; a new key evicts the oldest once full.
    func insert(_ value: Value, for key: String) {
        storage.withLock { s in
            if s.values[key] == nil {
                if s.order.count < capacity {
                    s.order.append(key)
                } else {
                    s.values[s.order[s.next]] = nil
                    s.order[s.next] = key
                    s.next = (s.next + 1) % capacity
                }
            }
            s.values[key] = value
        }
    }
}
