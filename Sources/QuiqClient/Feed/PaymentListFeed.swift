import PaymentCore

/// The one reader of the platform's list of active payments (pending and opened). The board
/// and the watcher both take the list from here, so a console reads it once per cycle through
/// one connection pool, however many screens want it: a read asked for while one is in flight
/// waits for that one, and a read younger than the caller's `maxAge` is handed out again.
public actor PaymentListFeed {
    /// The active payments as one read of every page saw them.
    public struct Snapshot: Sendable {
        /// Each active payment once, in the platform's order (newest first).
        public var payments: [PaymentMessage]
        /// When the read finished, on the feed's clock.
        public var readAt: Double
        /// Requests the read sent (pages, 304s included).
        public var requests: Int
    }

    private let api: QuiqAPI
    private let pageSize: Int
    private let clock: PollClock
    private var last: Snapshot?
    private var inFlight: Task<Result<Snapshot, QuiqClientError>, Never>?
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
        let task = Task { await Self.read(api: api, pageSize: pageSize, clock: clock) }
        inFlight = task
        let result = await task.value
        inFlight = nil
        switch result {
        case .success(let snapshot): last = snapshot
        case .failure(let error): if case .unsupported = error { missing = error }
        }
        return result
    }

    private static func read(api: QuiqAPI, pageSize: Int, clock: PollClock) async -> Result<Snapshot, QuiqClientError> {
        let before = api.requestsSent
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
                payments.append(message)
            }
        }
        return .success(Snapshot(payments: payments, readAt: clock.now(), requests: api.requestsSent - before))
    }
}
