import PaymentCore

/// The one reader of the platform's list of active payments (pending and opened). The board
/// and the watcher both take the list from here, so a console reads it once per cycle through
/// one connection pool, however many screens want it: a read asked for while one is in flight
/// waits for that one, and a read younger than the caller's `maxAge` is handed out again.
///
/// Where the platform has the changes feed (docs/API.md, `changedSince`) the list is kept by
/// applying what changed since the last cursor: an unchanged refresh is one request, whatever
/// the number of payments. A cursor the platform no longer keeps starts a full pass again; a
/// platform without the feed (or a config that turns it off) is paged whole, as before.
public actor PaymentListFeed {
    /// The active payments as one read of every page saw them.
    public struct Snapshot: Sendable {
        /// Each active payment once, in the platform's order (newest first), as a list shows
        /// it: without its token, links and timeline (`PaymentMessage.listed`), which at
        /// 100,000 payments were most of the console's memory; read a payment for those.
        public var payments: [PaymentMessage]
        /// When the read finished, on the feed's clock.
        public var readAt: Double
        /// Requests the read sent (pages, 304s included).
        public var requests: Int
        /// Moves on only when the list changed: a reader may keep what it made of `payments`.
        public var version: Int
    }

    private let api: QuiqAPI
    private let pageSize: Int
    private let clock: PollClock
    private var last: Snapshot?
    private var inFlight: Task<Result<Snapshot, QuiqClientError>, Never>?
    /// The changes feed's state: its cursor and the active payments it has told of, newest
    /// first (one copy of each: a change is merged into it, never the whole list sorted again).
    private var cursor: String?
    private var members: [PaymentMessage] = []
    /// One copy of each conversation id and agent key id the members hold (thousands of
    /// payments share a few), started again with each full pass.
    private var shared = Set<String>()
    /// false once the platform showed it has no changes feed.
    private var feedSupported = true
    private var version = 0
    /// nil until the list was tried; false once the platform answered that it has none (404/405).
    public var supported: Bool? { missing == nil ? (last == nil ? nil : true) : false }
    /// The platform's "no such endpoint", kept: a list it does not have is not asked for again.
    private var missing: QuiqClientError?

    /// - Parameter pageSize: items per page (API.md allows up to 100).
    public init(api: QuiqAPI, pageSize: Int = 100, clock: PollClock = .system) {
        self.api = api
        self.pageSize = max(1, min(100, pageSize))
        self.clock = clock
    }

    /// The list as of at most `maxAge` seconds ago: the last read when it is young enough,
    /// else the read in flight, else a new one. `.unsupported` when the platform has no list.
    public func snapshot(maxAge: Double = 0) async -> Result<Snapshot, QuiqClientError> {
        if let missing { return .failure(missing) }
        if let last, clock.now() - last.readAt <= maxAge { return .success(last) }
        if let inFlight { return await inFlight.value }
        let task = Task { await self.read() }
        inFlight = task
        let result = await task.value
        inFlight = nil
        switch result {
        case .success(let snapshot): last = snapshot
        case .failure(let error): if case .unsupported = error { missing = error }
        }
        return result
    }

    private func read() async -> Result<Snapshot, QuiqClientError> {
        let before = api.requestsSent
        if feedSupported {
            switch await changes() {
            case .success(let changed):
                if changed || last == nil { version += 1 }
                return .success(Snapshot(payments: members, readAt: clock.now(), requests: api.requestsSent - before, version: version))
            case .failure(.unsupported):
                feedSupported = false
            case .failure(let error):
                return .failure(error)
            }
        }
        switch await Self.page(api: api, pageSize: pageSize) {
        case .success(let payments):
            version += 1
            return .success(Snapshot(payments: payments, readAt: clock.now(), requests: api.requestsSent - before, version: version))
        case .failure(let error):
            return .failure(error)
        }
    }

    /// What changed since the cursor, applied to `members`; whether anything did. `.unsupported`
    /// when the platform has no feed.
    private func changes() async -> Result<Bool, QuiqClientError> {
        for _ in 0..<2 {
            let outcome: PaymentChangesOutcome
            do {
                outcome = try await api.allPaymentChanges(status: [.pending, .opened], since: cursor, limit: 1_000, keeping: { $0.listed })
            } catch {
                return .failure(error)
            }
            switch outcome {
            case .changes(let answer):
                if cursor == nil { shared.removeAll() }
                members = Self.applying(answer.items.map { share($0) }, to: cursor == nil ? [] : members)
                cursor = answer.cursor
                return .success(!answer.items.isEmpty)
            case .cursorExpired:
                // Older than the platform keeps: start again with a full pass.
                cursor = nil
            case .unsupported:
                return .failure(.unsupported(operation: .listPaymentChanges, endpoint: api.displayURL, status: 404))
            }
        }
        return .failure(.invalidResponse(baseURL: api.displayURL, detail: "the changes feed refused a fresh cursor"))
    }

    /// The payment (already `listed`) with its shared strings taken from `shared`.
    private func share(_ message: PaymentMessage) -> PaymentMessage {
        var message = message
        message.conversationId = shared.insert(message.conversationId).memberAfterInsert
        if let agent = message.agentKeyId { message.agentKeyId = shared.insert(agent).memberAfterInsert }
        return message
    }

    /// Newest first, then by id: the platform's order, and a total one.
    private static func isNewer(_ a: PaymentMessage, _ b: PaymentMessage) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id
    }

    /// `members` (newest first) with `changes` applied (in change order: the last of a
    /// payment is current): what changed is taken out and put back where it belongs, active
    /// or not at all. Linear in the list, with a sort of only what changed.
    static func applying(_ changes: [PaymentMessage], to members: [PaymentMessage]) -> [PaymentMessage] {
        guard !changes.isEmpty else { return members }
        var latest: [String: PaymentMessage] = [:]
        latest.reserveCapacity(changes.count)
        for message in changes { latest[message.id] = message }
        let arrivals = latest.values.filter(\.status.isActive).sorted(by: isNewer)
        var merged: [PaymentMessage] = []
        merged.reserveCapacity(members.count + arrivals.count)
        var next = arrivals.startIndex
        for member in members where latest[member.id] == nil {
            while next < arrivals.endIndex, isNewer(arrivals[next], member) {
                merged.append(arrivals[next])
                next += 1
            }
            merged.append(member)
        }
        merged += arrivals[next...]
        return merged
    }

    /// Every page of the list, each active payment once.
    private static func page(api: QuiqAPI, pageSize: Int) async -> Result<[PaymentMessage], QuiqClientError> {
        let pages: [PaymentPage]
        do {
            pages = try await api.allPaymentRequests(status: [.pending, .opened], pageSize: pageSize)
        } catch {
            return .failure(error)
        }
        var payments: [PaymentMessage] = []
        payments.reserveCapacity(pages.reduce(0) { $0 + $1.items.count })
        var seen = Set<String>()
        // A payment that moved between two pages while they were read would otherwise show twice.
        for page in pages {
            for message in page.items where message.status.isActive && seen.insert(message.id).inserted {
                payments.append(message.listed)
            }
        }
        return .success(payments)
    }
}

extension PaymentMessage {
    /// This payment as the list feed keeps it: what a board row and a watcher's status check
    /// need, without the token, the links and the timeline (about 1.2 KB of a payment's 2).
    var listed: PaymentMessage {
        var message = self
        message.token = nil
        message.paymentUrl = nil
        message.shortUrl = nil
        message.events = nil
        return message
    }
}
