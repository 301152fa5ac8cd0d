import Foundation
import PaymentCore

/// `GET /api/v1/payment-requests?changedSince=CURSOR`: what changed since the cursor, for a
/// board that refreshes 100,000 rows with one request when nothing changed (docs/API.md).
extension SandboxAPI {
    /// One answer of the feed: payments in change order, the cursor to pass next, and whether
    /// more are waiting (call again at once).
    struct ChangePage: Sendable {
        var views: [EncodedView]
        var cursor: String
        var more: Bool

        /// `{"cursor": ..., "items": [...], "more": ...}`, keys sorted as `JSONCoding` writes them.
        func json() throws -> Data {
            var data = Data(#"{"cursor":"#.utf8)
            data.append(try JSONCoding.encode(cursor))
            data.append(contentsOf: #","items":["#.utf8)
            for (index, view) in views.enumerated() {
                if index > 0 { data.append(UInt8(ascii: ",")) }
                data.append(view.body)
            }
            data.append(contentsOf: #"],"more":"#.utf8)
            data.append(contentsOf: (more ? "true" : "false").utf8)
            data.append(UInt8(ascii: "}"))
            return data
        }
    }

    static let changesDefaultLimit = 1000

    /// What each item of the feed is (`view=`): the whole payment message, or its summary (the
    /// fields a list shows: a full pass of 100,000 is a quarter of the bytes).
    enum ChangesView: String, Sendable {
        case full, summary
    }

    /// The feed after its parameters were checked. `changedSince=0` starts it with a full pass
    /// (every payment now in `statuses`, over as many calls as `more` says); any other value is
    /// a cursor from an earlier answer, which gets every payment changed since, including those
    /// that left `statuses` (a board removes them) and those that arrived.
    func changes(since text: String, statuses: [PaymentStatus], limit: Int, view: ChangesView = .full) async throws -> ChangePage {
        let now = clock.nowMilliseconds()
        try await store.expireAllDue(now: now)
        let state = try await store.feedState()
        let cursor: ChangeCursor
        if text == ChangeCursor.start {
            cursor = ChangeCursor(epoch: state.epoch, since: state.lastChange, fullPassAfter: 0, issuedAt: now)
        } else {
            guard let decoded = ChangeCursor(decoding: text) else {
                throw SandboxError.validation([FieldViolation(field: "changedSince",
                                                              message: "Pass 0 to start the feed, or the cursor of its last answer unchanged.")])
            }
            guard decoded.epoch == state.epoch, decoded.since <= state.lastChange,
                  (decoded.fullPassAfter ?? 0) <= state.lastChange, now - decoded.issuedAt <= ChangeCursor.retention else {
                throw SandboxError.cursorExpired()
            }
            cursor = decoded
        }

        var next = cursor
        next.issuedAt = now
        let heads: [PaymentStore.ChangeHead]
        let more: Bool
        if let after = cursor.fullPassAfter {
            let read = try await store.members(statuses: statuses, after: after, limit: limit + 1)
            more = read.count > limit
            heads = Array(read.prefix(limit))
            next.fullPassAfter = more ? heads.last?.change ?? after : nil
        } else {
            let read = try await store.changes(after: cursor.since, statuses: statuses, limit: limit + 1)
            more = read.count > limit
            let scanned = read.prefix(limit)
            next.since = scanned.last?.change ?? cursor.since
            heads = scanned.filter(\.wasListed)
        }
        return ChangePage(views: try await currentViews(heads.map(\.head), view: view), cursor: next.encoded, more: more)
    }

    /// The agent views (or summaries) of these payments, in order: from the cache where the view
    /// at the payment's change number was encoded before, else read and encoded (as it is now,
    /// should it have changed since its head was read).
    private func currentViews(_ heads: [PaymentStore.PaymentHead], view: ChangesView) async throws -> [EncodedView] {
        let cached = (view == .full ? agentViews : summaryViews).values(for: heads.map(\.id))
        var views: [EncodedView?] = zip(heads, cached).map { head, entry in entry?.change == head.change ? entry?.view : nil }
        let missing = heads.indices.filter { views[$0] == nil }
        guard !missing.isEmpty else { return views.compactMap { $0 } }
        let ids = missing.map { heads[$0].id }
        switch view {
        case .full:
            let byId = Dictionary(try await store.records(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for index in missing {
                guard let record = byId[heads[index].id] else { throw StoreError.corrupt("payment \(heads[index].id) vanished") }
                views[index] = try agentView(of: record)
            }
        case .summary:
            // From the columns alone: a whole record with its timeline is ten times the work.
            let byId = Dictionary(try await store.summaries(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for index in missing {
                guard let row = byId[heads[index].id] else { throw StoreError.corrupt("payment \(heads[index].id) vanished") }
                views[index] = try summaryView(of: row)
            }
        }
        return views.compactMap { $0 }
    }
}
