import CMallocTrim
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
        /// it (`ListedPayment`: no token, links or timeline; read a payment for those).
        public var payments: [ListedPayment]
        /// When the read finished, on the feed's clock.
        public var readAt: Double
        /// Requests the read sent (pages, 304s included).
        public var requests: Int
        /// Moves on only when the list changed: a reader may keep what it made of `payments`.
        public var version: Int
        /// What the changes feed told of in each of the last few versions.
        fileprivate var log: ChangeLog

        /// The payments that changed (arrived, moved or left) since `version`, in change order
        /// (the last of a payment is current): what a reader that kept what it made of that
        /// version needs to catch up, without looking at every payment. Nil when the feed no
        /// longer knows (older than its log, a full pass since, or a paged list): look at all.
        public func changes(since version: Int) -> [ListedPayment]? {
            log.changes(since: version, current: self.version)
        }
    }

    /// What changed in each of the last versions, for `Snapshot.changes(since:)`.
    fileprivate struct ChangeLog: Sendable {
        /// The oldest version the log can bring a reader forward from.
        var start = 0
        var entries: [(version: Int, changes: [ListedPayment])] = []
        static let length = 16

        func changes(since version: Int, current: Int) -> [ListedPayment]? {
            guard version >= start, version <= current else { return nil }
            return entries.filter { $0.version > version }.flatMap(\.changes)
        }

        mutating func restart(at version: Int) {
            start = version
            entries = []
        }

        mutating func append(_ changes: [ListedPayment], version: Int) {
            entries.append((version, changes))
            if entries.count > Self.length {
                start = entries.removeFirst().version
            }
        }
    }

    private let api: QuiqAPI
    private let pageSize: Int
    private let clock: PollClock
    private var last: Snapshot?
    private var inFlight: Task<Result<Snapshot, QuiqClientError>, Never>?
    /// The changes feed's state: its cursor and the active payments it has told of, newest
    /// first (one copy of each: a change is merged into it, never the whole list sorted again).
    private var cursor: String?
    private var members: [ListedPayment] = []
    private var log = ChangeLog()
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
                if let changed {
                    if !changed.isEmpty {
                        version += 1
                        log.append(changed, version: version)
                    }
                } else {
                    version += 1
                    log.restart(at: version)
                    Self.releaseFreedMemory()
                }
                return .success(Snapshot(payments: members, readAt: clock.now(), requests: api.requestsSent - before, version: version, log: log))
            case .failure(.unsupported):
                feedSupported = false
            case .failure(let error):
                return .failure(error)
            }
        }
        switch await Self.page(api: api, pageSize: pageSize) {
        case .success(let payments):
            version += 1
            log.restart(at: version)
            Self.releaseFreedMemory()
            return .success(Snapshot(payments: payments, readAt: clock.now(), requests: api.requestsSent - before, version: version, log: log))
        case .failure(let error):
            return .failure(error)
        }
    }

    /// What changed since the cursor, applied to `members`: the changes (empty when none), or
    /// nil after a full pass (every member is new: there is nothing to catch up from).
    /// `.unsupported` when the platform has no feed.
    private func changes() async -> Result<[ListedPayment]?, QuiqClientError> {
        for _ in 0..<2 {
            let outcome: FeedChangesOutcome<ListedPayment>
            do {
                outcome = try await api.allPaymentChanges(status: [.pending, .opened], since: cursor, limit: 1_000, as: ListedPayment.self)
            } catch {
                return .failure(error)
            }
            switch outcome {
            case .changes(let answer):
                let fullPass = cursor == nil
                if fullPass { shared.removeAll() }
                var items = answer.items
                for index in items.indices { share(&items[index]) }
                members = Self.applying(items, to: fullPass ? [] : members)
                cursor = answer.cursor
                if fullPass { return .success(nil) }
                return .success(items)
            case .cursorExpired:
                // Older than the platform keeps: start again with a full pass.
                cursor = nil
            case .unsupported:
                return .failure(.unsupported(operation: .listPaymentChanges, endpoint: api.displayURL, status: 404))
            }
        }
        return .failure(.invalidResponse(baseURL: api.displayURL, detail: "the changes feed refused a fresh cursor"))
    }

    /// After a full pass, which decoded every payment's JSON once and dropped it: glibc keeps
    /// such freed memory in its per-thread arenas (tens of MB at 100,000 payments, resident for
    /// as long as the board is open) unless asked to give it back.
    private static func releaseFreedMemory() {
        _ = qp_malloc_trim(0)  // whether any memory could be given back does not matter
    }

    /// Takes the payment's shared strings from `shared`, in place (not a copy of each payment).
    private func share(_ payment: inout ListedPayment) {
        payment.conversationId = shared.insert(payment.conversationId).memberAfterInsert
        if let agent = payment.agentKeyId { payment.agentKeyId = shared.insert(agent).memberAfterInsert }
    }

    /// `members` (newest first) with `changes` applied (in change order: the last of a
    /// payment is current): what changed is taken out and put back where it belongs, active
    /// or not at all. Each changed payment's old place is found by binary search (a payment's
    /// `createdAt` never changes), and the rest is copied once: linear in the list only by a
    /// copy, with a sort of only what changed.
    static func applying(_ changes: [ListedPayment], to members: [ListedPayment]) -> [ListedPayment] {
        guard !changes.isEmpty else { return members }
        guard !members.isEmpty else { return latestActiveNewestFirst(changes) }
        var latest: [String: ListedPayment] = [:]
        latest.reserveCapacity(changes.count)
        for payment in changes { latest[payment.id] = payment }
        let arrivals = latestActiveNewestFirst(Array(latest.values))
        var cuts: [Int] = []
        for payment in latest.values {
            let index = place(of: payment, in: members)
            if index < members.count, members[index].id == payment.id { cuts.append(index) }
        }
        cuts.sort()
        let places = arrivals.map { place(of: $0, in: members) }
        return members.spliced(removing: cuts, inserting: arrivals, at: places)
    }

    /// The last change of each payment in `changes` (change order), the active ones, newest
    /// first: a full pass's list, which may tell of a payment twice when it changed during the
    /// pass. One sort of positions by keys read once (moving or copying whole payments retained
    /// and released each of their strings), so copies of one payment end up side by side, the
    /// last change first. The pass comes oldest change first, mostly the reverse of newest
    /// first: the sort finds those runs.
    private static func latestActiveNewestFirst(_ changes: [ListedPayment]) -> [ListedPayment] {
        let times = changes.map(\.createdAt)
        let order = changes.indices.sorted { a, b in
            if times[a] != times[b] { return times[a] > times[b] }
            let (idA, idB) = (changes[a].id, changes[b].id)
            return idA != idB ? idA > idB : a > b
        }
        var result: [ListedPayment] = []
        result.reserveCapacity(changes.count)
        var previous: Int?
        for position in order {
            defer { previous = position }
            if let previous, times[previous] == times[position], changes[previous].id == changes[position].id { continue }
            if changes[position].status.isActive { result.append(changes[position]) }
        }
        return result
    }

    /// The first index of `members` (newest first) that is not newer than `payment`.
    private static func place(of payment: ListedPayment, in members: [ListedPayment]) -> Int {
        var low = 0, high = members.count
        while low < high {
            let middle = (low + high) / 2
            if ListedPayment.isNewer(members[middle], payment) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Every page of the list, each active payment once.
    private static func page(api: QuiqAPI, pageSize: Int) async -> Result<[ListedPayment], QuiqClientError> {
        let pages: [PaymentPage]
        do {
            pages = try await api.allPaymentRequests(status: [.pending, .opened], pageSize: pageSize)
        } catch {
            return .failure(error)
        }
        var payments: [ListedPayment] = []
        payments.reserveCapacity(pages.reduce(0) { $0 + $1.items.count })
        var seen = Set<String>()
        // A payment that moved between two pages while they were read would otherwise show twice.
        for page in pages {
            for message in page.items where message.status.isActive && seen.insert(message.id).inserted {
                payments.append(ListedPayment(message))
            }
        }
        return .success(payments)
    }
}
