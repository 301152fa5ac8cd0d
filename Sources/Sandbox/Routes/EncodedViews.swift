import Crypto
import Foundation
import PaymentCore

/// A payment message as sent: its JSON and the ETag of exactly those bytes.
struct EncodedView: Sendable {
    let body: Data

    init(_ message: PaymentMessage) throws {
        body = try JSONCoding.encode(WirePaymentMessage(message))
    }

    /// The changes feed's `view=summary` item of a payment.
    init(summaryOf row: PaymentStore.SummaryRow) throws {
        body = try JSONCoding.encode(WirePaymentSummary(row))
    }

    /// Hashed when a single read asks, not for each of a list's items (which never send it).
    var etag: String { "\"" + SHA256.hash(data: body).prefix(16).hexString + "\"" }
}

/// A view of a payment at one change number. Every write that changes what a payment shows (a
/// new status, with its reply in the same transaction, or a resent link in its timeline) gives
/// it the next change number, so the pair (id, change) names one content for good, and a view
/// can be reused without encoding it again.
struct StatusView: Sendable {
    let change: Int64
    let view: EncodedView
}

/// One page of agent views, newest first, the cursor of the next page, and the page's ETag.
struct AgentPage: Sendable {
    var views: [EncodedView]
    var next: String?
    var etag: String

    /// The ETag of a page: each item's view is fixed by its id and change number (and the base
    /// URL its links are built on), so these name the page's bytes without encoding any of them.
    static func etag(_ items: [(id: String, change: Int64)], next: String?, baseURL: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(baseURL.utf8))
        for item in items { hasher.update(data: Data("\n\(item.id) \(item.change)".utf8)) }
        hasher.update(data: Data("\n\(next ?? "")".utf8))
        return "\"l" + hasher.finalize().prefix(16).hexString + "\""
    }

    /// `{"items": [...], "next": ...}` assembled from the encoded views (keys sorted, as
    /// `JSONCoding` writes them); the conversation list has no `next`.
    func json(includeNext: Bool) throws -> Data {
        var data = Data(#"{"items":["#.utf8)
        for (index, view) in views.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(view.body)
        }
        data.append(UInt8(ascii: "]"))
        if includeNext {
            data.append(contentsOf: #","next":"#.utf8)
            data.append(try JSONCoding.encode(next))
        }
        data.append(UInt8(ascii: "}"))
        return data
    }
}

extension SandboxAPI {
    /// The agent's view of `record`, encoded once per change.
    func agentView(of record: PaymentRecord) throws -> EncodedView {
        let baseURL = self.baseURL
        return try Self.view(of: record, in: agentViews) { record in
            // Its summary is made with it: a board's first full pass then finds every active
            // payment's summary ready (each is written when created, read or changed).
            let summary = try EncodedView(summaryOf: PaymentStore.SummaryRow(record))
            summaryViews.insert(StatusView(change: record.change, view: summary), for: record.id)
            return try EncodedView(record.message(.agent(baseURL: baseURL)))
        }
    }

    /// The summary the changes feed sends with `view=summary`, encoded once per change (most are
    /// made with the agent view, `agentView(of:)`).
    func summaryView(of row: PaymentStore.SummaryRow) throws -> EncodedView {
        if let cached = summaryViews[row.id], cached.change == row.change { return cached.view }
        let view = try EncodedView(summaryOf: row)
        summaryViews.insert(StatusView(change: row.change, view: view), for: row.id)
        return view
    }

    /// The Client's view of `record`, encoded once per change.
    func clientView(of record: PaymentRecord) throws -> EncodedView {
        try Self.view(of: record, in: clientViews) { try EncodedView($0.message(.client)) }
    }

    private static func view(of record: PaymentRecord, in cache: BoundedCache<StatusView>,
                             encode: (PaymentRecord) throws -> EncodedView) throws -> EncodedView {
        if let cached = cache[record.id], cached.change == record.change { return cached.view }
        let view = try encode(record)
        cache.insert(StatusView(change: record.change, view: view), for: record.id)
        return view
    }

    /// A page of the list: the heads first (a light read), then only the payments whose view at
    /// their current change number was never encoded. Nil when the page's ETag is one of `known`
    /// (a `304`). A page holding a payment that is due to expire is read through the writer,
    /// which expires it on the way.
    func agentPage(_ query: PaymentStore.ListQuery, unlessETagIn known: [String] = []) async throws -> (page: AgentPage?, etag: String) {
        var query = query
        let limit = query.limit
        query.limit += 1  // one more, to know whether a next page exists
        let now = clock.nowMilliseconds()
        let baseURL = self.baseURL
        let heads = try await store.heads(query)
        let next = heads.count > limit ? PageCursor.encode(heads[limit - 1].seq) : nil
        let shown = Array(heads.prefix(limit))
        let wanted = query.statuses

        if shown.contains(where: { $0.isDue(at: now) }) {
            query.limit = limit
            let records = try await store.list(query, now: now).filter { wanted.isEmpty || wanted.contains($0.status) }
            let etag = AgentPage.etag(records.map { ($0.id, $0.change) }, next: next, baseURL: baseURL)
            return (AgentPage(views: try records.map(agentView(of:)), next: next, etag: etag), etag)
        }
        let etag = AgentPage.etag(shown.map { ($0.id, $0.change) }, next: next, baseURL: baseURL)
        if known.contains(etag) { return (nil, etag) }

        let cached = agentViews.values(for: shown.map(\.id))
        var views: [EncodedView?] = zip(shown, cached).map { head, entry in entry?.change == head.change ? entry?.view : nil }
        let missing = shown.indices.filter { views[$0] == nil }
        var current = shown.map { (id: $0.id, change: $0.change) }
        if !missing.isEmpty {
            let records = try await store.records(ids: missing.map { shown[$0].id })
            let byId = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for index in missing {
                // Changed since the heads were read: shown as it is now, if it still belongs here.
                guard let record = byId[shown[index].id], wanted.isEmpty || wanted.contains(record.status) else { continue }
                views[index] = try agentView(of: record)
                current[index].change = record.change
            }
        }
        let kept = shown.indices.filter { views[$0] != nil }
        let pageETag = AgentPage.etag(kept.map { current[$0] }, next: next, baseURL: baseURL)
        return (AgentPage(views: kept.compactMap { views[$0] }, next: next, etag: pageETag), pageETag)
    }
}
