import Foundation
import Synchronization

/// The Client's view of recently read payments, already encoded with its ETag, each tagged with
/// the store generation it was read at. A Client polling a payment that has not changed is then
/// answered without the database or a JSON encoder; any write anywhere makes every entry stale.
final class ClientViewCache: Sendable {
    struct Entry: Sendable {
        let generation: Int
        let record: PaymentRecord
        let body: Data
        let etag: String
    }

    private struct Storage {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var next = 0
    }

    private let capacity: Int
    private let storage = Mutex(Storage())

    init(capacity: Int = 4_096) {
        self.capacity = max(1, capacity)
    }

    /// The entry for `paymentId` if it was read at `generation`.
    func entry(paymentId: String, generation: Int) -> Entry? {
        storage.withLock { s in
            guard let entry = s.entries[paymentId], entry.generation == generation else { return nil }
            return entry
        }
    }

    /// Remembers an entry, replacing the payment's older one, evicting the oldest payment once full.
    func insert(_ entry: Entry) {
        storage.withLock { s in
            let id = entry.record.id
            if s.entries[id] == nil {
                if s.order.count < capacity {
                    s.order.append(id)
                } else {
                    s.entries[s.order[s.next]] = nil
                    s.order[s.next] = id
                    s.next = (s.next + 1) % capacity
                }
            }
            s.entries[id] = entry
        }
    }
}
