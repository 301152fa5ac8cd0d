import PaymentCore
import Synchronization

/// The last payment message read for each id with the ETag it came with, so a poll can send
/// `If-None-Match` and take a `304` as "unchanged" without a body.
final class ETagCache: Sendable {
    private let entries = Mutex<[String: (etag: String, message: PaymentMessage)]>([:])

    func lookup(_ id: String) -> (etag: String, message: PaymentMessage)? {
        entries.withLock { $0[id] }
    }

    func store(_ id: String, etag: String, message: PaymentMessage) {
        entries.withLock { $0[id] = (etag, message) }
    }

    func forget(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
