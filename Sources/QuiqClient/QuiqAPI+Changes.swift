import Foundation
import PaymentCore

/// One answer of the changes feed: the payments that changed since the cursor (arrivals, moves,
/// and departures from the statuses asked for, which a board removes), in change order, each
/// decoded as `Item` (the whole payment message, or only what a list keeps: `ListedPayment`).
public struct FeedChanges<Item: FeedItem>: Sendable, Hashable, Decodable {
    public var items: [Item]
    /// Pass it as the next call's `since`: the feed's position after these items.
    public var cursor: String
    /// More are waiting: call again at once with `cursor`.
    public var more: Bool

    public init(items: [Item], cursor: String, more: Bool) {
        self.items = items
        self.cursor = cursor
        self.more = more
    }
}

public typealias PaymentChanges = FeedChanges<PaymentMessage>
public typealias PaymentChangesOutcome = FeedChangesOutcome<PaymentMessage>

/// What asking the changes feed came to. Only a transport or auth failure is thrown; these
/// three are the cases a board acts on.
public enum FeedChangesOutcome<Item: FeedItem>: Sendable, Hashable {
    case changes(FeedChanges<Item>)
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
        switch try await rawPaymentChanges(status: status, since: cursor, limit: limit, view: PaymentMessage.changesView) {
        case .answer(let response): return try decodeChanges(response, as: PaymentMessage.self)
        case .cursorExpired: return .cursorExpired
        case .unsupported: return .unsupported
        }
    }

    /// `allPaymentChanges` with each item decoded as the whole payment message.
    public func allPaymentChanges(status: [PaymentStatus], since cursor: String?,
                                  limit: Int? = nil) async throws(QuiqClientError) -> PaymentChangesOutcome {
        try await allPaymentChanges(status: status, since: cursor, limit: limit, as: PaymentMessage.self)
    }

    /// Calls the feed until `more` is false, and gives the items of every call in order (a
    /// payment may appear more than once: the last one is current) with the last cursor. An
    /// answer's cursor and `more` are read from its bytes first (`ChangesAnswerHead`), so the
    /// next call is on its way while this one is decoded. Items are decoded as `Item`: a list
    /// asks for summaries and decodes only what it keeps (`ListedPayment`), so a full pass of
    /// 100,000 never holds them in full. Decoding runs on Dispatch's threads: a task started here would stay on the
    /// event loop that reads the next answer (NIO runs tasks where they start), one core for both.
    public func allPaymentChanges<Item>(status: [PaymentStatus], since cursor: String?, limit: Int? = nil,
                                        as item: Item.Type) async throws(QuiqClientError) -> FeedChangesOutcome<Item> {
        var decoding: [Task<Result<FeedChangesOutcome<Item>, QuiqClientError>, Never>] = []
        var position = cursor
        var last: (cursor: String, more: Bool)
        repeat {
            let response: RawResponse
            switch try await rawPaymentChanges(status: status, since: position, limit: limit, view: Item.changesView) {
            case .answer(let answer): response = answer
            case .cursorExpired: return .cursorExpired
            case .unsupported: return .unsupported
            }
            if let head = ChangesAnswerHead(response.body.readableBytesView) {
                decoding.append(Task {
                    await withCheckedContinuation { continuation in
                        DispatchQueue.global().async { continuation.resume(returning: self.decodeChangesOutcome(response, as: Item.self)) }
                    }
                })
                last = (head.cursor, head.more)
            } else {
                // Not in the plain form: decoded here, before the next call can be sent.
                switch try decodeChanges(response, as: Item.self) {
                case .changes(let answer):
                    decoding.append(Task { .success(.changes(answer)) })
                    last = (answer.cursor, answer.more)
                case let other:
                    return other
                }
            }
            position = last.cursor
        } while last.more
        var items: [Item] = []
        for task in decoding {
            switch await task.value {
            case .success(.changes(let answer)): items += answer.items
            case .success(let other): return other
            case .failure(let error): throw error
            }
        }
        return .changes(FeedChanges(items: items, cursor: last.cursor, more: false))
    }

    private enum RawChanges: Sendable {
        case answer(RawResponse)
        case cursorExpired
        case unsupported
    }

    private func rawPaymentChanges(status: [PaymentStatus], since cursor: String?, limit: Int?,
                                   view: String?) async throws(QuiqClientError) -> RawChanges {
        guard !options.endpoints.isDisabled(.listPaymentChanges) else { return .unsupported }
        var query: [(String, String)] = []
        if !status.isEmpty { query.append(("status", status.map(\.rawValue).joined(separator: ","))) }
        query.append(("changedSince", cursor ?? "0"))
        if let limit { query.append(("limit", String(limit))) }
        if let view { query.append(("view", view)) }
        do {
            return .answer(try await send(.listPaymentChanges, [:], query: query, context: "payment changes"))
        } catch .unsupported {
            return .unsupported
        } catch .rejected(410, "cursor_expired", _, _) {
            return .cursorExpired
        }
    }

    private func decodeChanges<Item>(_ response: RawResponse, as item: Item.Type) throws(QuiqClientError) -> FeedChangesOutcome<Item> {
        let answer: FeedAnswer<Item>
        if let scanned = response.body.withUnsafeReadableBytes({ Item.scannedChangesAnswer($0) }) {
            answer = scanned
        } else {
            answer = try decode(FeedAnswer<Item>.self, response)
        }
        guard let next = answer.cursor else { return .unsupported }
        return .changes(FeedChanges(items: answer.items, cursor: next, more: answer.more ?? false))
    }

    // A value, for a task: a typed `do throws` inside a task's closure crashed the release build.
    private func decodeChangesOutcome<Item>(_ response: RawResponse, as item: Item.Type) -> Result<FeedChangesOutcome<Item>, QuiqClientError> {
        do throws(QuiqClientError) {
            return .success(try decodeChanges(response, as: Item.self))
        } catch {
            return .failure(error)
        }
    }
}

/// The cursor and `more` of a changes answer read from its bytes, without decoding its items,
/// in the plain form API.md's feed writes: `{"cursor":"CURSOR",` first and `"more":true}` (or
/// `false}`) last. Anything else is nil, and the caller decodes the answer to learn them.
struct ChangesAnswerHead {
    var cursor: String
    var more: Bool

    init?(_ body: some BidirectionalCollection<UInt8>) {
        let prefix = Array(#"{"cursor":""#.utf8)
        guard body.starts(with: prefix) else { return nil }
        var index = body.index(body.startIndex, offsetBy: prefix.count)
        let open = index
        while index < body.endIndex, body[index] != UInt8(ascii: "\"") {
            // Escapes or control characters: leave those to the real decoder.
            guard body[index] != UInt8(ascii: "\\"), body[index] >= 0x20 else { return nil }
            index = body.index(after: index)
        }
        guard index < body.endIndex else { return nil }
        let cursor = String(decoding: body[open..<index], as: UTF8.self)
        let after = body.index(after: index)
        guard after < body.endIndex, body[after] == UInt8(ascii: ",") else { return nil }
        // The tail, without trailing white space.
        var end = body.endIndex
        while end > after, [0x20, 0x09, 0x0A, 0x0D].contains(body[body.index(before: end)]) { end = body.index(before: end) }
        let tail = body[after..<end]
        if tail.reversed().starts(with: Array(#","more":true}"#.utf8).reversed()) {
            more = true
        } else if tail.reversed().starts(with: Array(#","more":false}"#.utf8).reversed()) {
            more = false
        } else {
            return nil
        }
        self.cursor = cursor
    }
}
