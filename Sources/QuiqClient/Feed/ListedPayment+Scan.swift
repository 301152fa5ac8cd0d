import Foundation
import PaymentCore

extension ListedPayment: FeedItem {
    /// A listed payment needs only the summary's fields.
    public static var changesView: String? { "summary" }

    /// Reads a changes answer straight from its bytes: a full pass at 100,000 payments is
    /// 37 MB of summaries (160 MB of whole messages where a platform ignores `view`), and
    /// JSONDecoder spent about 18 µs on each whole item building containers for fields that a
    /// listed payment drops. The result is what
    /// `init(from:)` gives, or nil (then JSONDecoder reads the answer, and names any fault).
    public static func scannedChangesAnswer(_ json: UnsafeRawBufferPointer) -> FeedAnswer<ListedPayment>? {
        var reader = JSONBytes(json)
        var items: [ListedPayment]?
        var cursor: String??
        var more: Bool??
        let read = reader.object { reader, key in
            guard let key else { return false }
            if key.isKey("items") {
                guard items == nil else { return false }
                var list: [ListedPayment] = []
                list.reserveCapacity(1_000)
                guard reader.array({ reader in
                    guard let item = scanned(&reader) else { return false }
                    list.append(item)
                    return true
                }) else { return false }
                items = list
            } else if key.isKey("cursor") {
                guard cursor == nil else { return false }
                if reader.takeNull() { cursor = .some(nil) } else { guard let text = reader.string() else { return false }; cursor = text }
            } else if key.isKey("more") {
                guard more == nil else { return false }
                if reader.takeNull() { more = .some(nil) } else { guard let flag = reader.bool() else { return false }; more = flag }
            } else {
                return reader.skipValue()
            }
            return true
        }
        guard read, reader.atEnd(), let items else { return nil }
        return FeedAnswer(items: items, cursor: cursor ?? nil, more: more ?? nil)
    }

    /// One item, with `init(from:)`'s rules: the same fields required, null only where that
    /// decodes `IfPresent`. A key seen twice is left to JSONDecoder.
    private static func scanned(_ reader: inout JSONBytes) -> ListedPayment? {
        var id, conversationId, createdAt, expiresAt, description, currency: String?
        var status: PaymentStatus?
        var amount: Int64?
        var updatedAt, agentKeyId: String??
        var payment = false
        func set<Value>(_ field: inout Value?, _ value: Value?) -> Bool {
            guard field == nil, let value else { return false }
            field = value
            return true
        }
        func setOptional(_ field: inout String??, _ reader: inout JSONBytes) -> Bool {
            guard field == nil else { return false }
            if reader.takeNull() { field = .some(nil); return true }
            guard let text = reader.string() else { return false }
            field = text
            return true
        }
        let read = reader.object { reader, key in
            guard let key else { return false }
            if key.isKey("id") { return set(&id, reader.string()) }
            if key.isKey("conversationId") { return set(&conversationId, reader.string()) }
            if key.isKey("status") { return set(&status, reader.string().flatMap(PaymentStatus.init(rawValue:))) }
            if key.isKey("createdAt") { return set(&createdAt, reader.string()) }
            if key.isKey("expiresAt") { return set(&expiresAt, reader.string()) }
            if key.isKey("updatedAt") { return setOptional(&updatedAt, &reader) }
            if key.isKey("agentKeyId") { return setOptional(&agentKeyId, &reader) }
            if key.isKey("payment") {
                guard !payment else { return false }
                payment = true
                return reader.object { reader, key in
                    guard let key else { return false }
                    if key.isKey("description") { return set(&description, reader.string()) }
                    if key.isKey("currency") { return set(&currency, reader.string()) }
                    if key.isKey("amount") { return set(&amount, reader.integer()) }
                    return reader.skipValue()
                }
            }
            return reader.skipValue()
        }
        guard read, let id, let conversationId, let status, let createdAt, let expiresAt,
              let description, let currency, let amount else { return nil }
        return ListedPayment(id: id, conversationId: conversationId, status: status,
                             createdAt: RFC3339.date(createdAt) ?? Date(timeIntervalSince1970: 0),
                             expiresAt: RFC3339.date(expiresAt), updatedAt: (updatedAt ?? nil).flatMap(RFC3339.date),
                             description: description, currency: currency, amount: amount, agentKeyId: agentKeyId ?? nil)
    }
}

extension UnsafeRawBufferPointer {
    /// The bytes are exactly `key`'s UTF-8.
    fileprivate func isKey(_ key: StaticString) -> Bool {
        count == key.utf8CodeUnitCount && elementsEqual(UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }
}
