import Foundation
import PaymentCore

/// One answer of the changes feed: the payments that changed since the cursor (arrivals, moves,
/// and departures from the statuses asked for, which a board removes), in change order.
public struct PaymentChanges: Sendable, Hashable, Decodable {
    public var items: [PaymentMessage]
    /// Pass it as the next call's `since`: the feed's position after these items.
    public var cursor: String
    /// More are waiting: call again at once with `cursor`.
    public var more: Bool

    public init(items: [PaymentMessage], cursor: String, more: Bool) {
        self.items = items
        self.cursor = cursor
        self.more = more
    }
}

/// What asking the changes feed came to. Only a transport or auth failure is thrown; these
/// three are the cases a board acts on.
public enum PaymentChangesOutcome: Sendable, Hashable {
    case changes(PaymentChanges)
    /// `410 cursor_expired`: the platform no longer knows what changed since the cursor; read
    /// the whole list again (`since: nil`) and follow the feed from its new cursor.
    case cursorExpired
    /// The platform has no changes feed (404 or 405, a list page without a cursor, because it
    /// ignored `changedSince`), or config.yaml turned it off: page the whole list instead.
    case unsupported
}

extension QuiqAPI {
    /// One call of the changes feed (docs/API.md). `since: nil` starts it with a full pass:
    /// every payment now in `status`, over as many calls as `more` says; the last one's cursor
    /// then follows every change made since the pass began.
    public func paymentChanges(status: [PaymentStatus], since cursor: String?,
                               limit: Int? = nil) async throws(QuiqClientError) -> PaymentChangesOutcome {
        guard !options.endpoints.isDisabled(.listPaymentChanges) else { return .unsupported }
        var query: [(String, String)] = []
        if !status.isEmpty { query.append(("status", status.map(\.rawValue).joined(separator: ","))) }
        query.append(("changedSince", cursor ?? "0"))
        if let limit { query.append(("limit", String(limit))) }
        let response: RawResponse
        do {
            response = try await send(.listPaymentChanges, [:], query: query, context: "payment changes")
        } catch .unsupported {
            return .unsupported
        } catch .rejected(410, "cursor_expired", _, _) {
            return .cursorExpired
        }
        struct Answer: Decodable {
            var items: [PaymentMessage]
            var cursor: String?
            var more: Bool?
        }
        let answer = try decode(Answer.self, response)
        guard let next = answer.cursor else { return .unsupported }
        return .changes(PaymentChanges(items: answer.items, cursor: next, more: answer.more ?? false))
    }

    /// Calls the feed until `more` is false, and gives the items of every call in order (a
    /// payment may appear more than once: the last one is current) with the last cursor.
    public func allPaymentChanges(status: [PaymentStatus], since cursor: String?,
                                  limit: Int? = nil) async throws(QuiqClientError) -> PaymentChangesOutcome {
        var items: [PaymentMessage] = []
        var position = cursor
        while true {
            switch try await paymentChanges(status: status, since: position, limit: limit) {
            case .changes(let answer):
                items += answer.items
                guard answer.more else { return .changes(PaymentChanges(items: items, cursor: answer.cursor, more: false)) }
                position = answer.cursor
            case .cursorExpired:
                return .cursorExpired
            case .unsupported:
                return .unsupported
            }
        }
    }
}
