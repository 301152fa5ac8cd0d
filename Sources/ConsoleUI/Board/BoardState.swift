import Foundation
import PaymentCore

/// One refresh of the board as the poller saw it.
public struct BoardRefresh: Hashable, Sendable {
    /// Every non-terminal payment the platform listed.
    public var rows: [BoardRow]
    /// Payments that left the board since the last refresh, read again for their outcome.
    public var finished: [BoardRow]
    public var at: Date
    /// Where the rows came from, shown in the header so the supervisor knows what "all" means.
    public var source: BoardSource
    /// What this refresh could not do (some payments unread), shown like a failed refresh:
    /// the rows are still the best the board knows, but the supervisor must know they are partial.
    public var problem: String?
    /// Which version of the list `rows` is, when the poller numbers them: the next refresh's
    /// `delta` names it as its base.
    public var version: Int?
    /// What changed since the refresh of `delta.base`, when the poller knows: a board showing
    /// that refresh applies only this, at the cost of the changes, not of every row.
    public var delta: BoardDelta?

    public init(rows: [BoardRow], finished: [BoardRow] = [], at: Date, source: BoardSource = .list, problem: String? = nil,
                version: Int? = nil, delta: BoardDelta? = nil) {
        self.rows = rows
        self.finished = finished
        self.at = at
        self.source = source
        self.problem = problem
        self.version = version
        self.delta = delta
    }
}

/// The rows that differ between two versions of the list: `rows` of the new version are those
/// of `base` without `removed`, with `added`. A row that changed is in both (its old and new
/// versions); every other row is the same in both versions.
public struct BoardDelta: Hashable, Sendable {
    /// The version these changes apply to.
    public var base: Int
    /// The previous version of each row that changed or left.
    public var removed: [BoardRow]
    /// The current version of each row that changed or arrived.
    public var added: [BoardRow]

    public init(base: Int, removed: [BoardRow], added: [BoardRow]) {
        self.base = base
        self.removed = removed
        self.added = added
    }
}

/// The list endpoint (every payment of the tenant), or the journal's payments read one by one
/// when the platform offers no list (only what this machine sent or watched).
public enum BoardSource: Hashable, Sendable {
    case list, journal
}

/// A payment that left the board, with when it did.
public struct FinishedPayment: Hashable, Sendable {
    public var row: BoardRow
    public var at: Date

    public init(row: BoardRow, at: Date) {
        self.row = row
        self.at = at
    }
}

/// How the runtime should poll: sent whenever the interval or the pause changes.
public struct BoardPolling: Hashable, Sendable {
    public var intervalSeconds: Int
    public var paused: Bool

    public init(intervalSeconds: Int, paused: Bool) {
        self.intervalSeconds = intervalSeconds
        self.paused = paused
    }
}

/// A CSV export for the runtime to write: the text and the file name it suggests.
public struct BoardExport: Hashable, Sendable {
    public var csv: String
    public var fileName: String
    public var rowCount: Int

    public init(csv: String, fileName: String, rowCount: Int) {
        self.csv = csv
        self.fileName = fileName
        self.rowCount = rowCount
    }
}

/// What the board's keys and the poller's results do.
public enum BoardCommand: Hashable, Sendable {
    case move(Int)
    case page(Int)
    case top
    case bottom
    /// `/`: start typing a filter.
    case editFilter
    case filter(TextEdit)
    /// Enter keeps the filter and leaves editing; Esc (keep: false) clears it.
    case endFilter(keep: Bool)
    /// Esc on the board: clears the filter.
    case clearFilter
    case sortNext
    case sortPrevious
    case reverseSort
    case togglePause
    case faster
    case slower
    case refreshNow
    case openDetail
    case closeDetail
    /// `x`: asks to cancel the selected payment (refused in read-only).
    case askCancel
    /// `l`: post the selected payment's link into its conversation again (refused in read-only).
    case resendLink
    /// Confirmed: cancel this payment.
    case cancel(id: String)
    /// The payment reached a terminal state (a cancel from here, or any update the console
    /// heard of): it leaves the table for "recently finished" without waiting for a refresh.
    case left(BoardRow)
    case export
    case refreshed(BoardRefresh)
    case refreshFailed(String)
}

/// The supervisor board: every non-terminal payment, filtered and sorted, with the selection
/// kept on the same payment across refreshes. `visible` and `totals` are derived here, once per
/// change, so rendering 10,000 rows costs what the 40 on screen cost, and a refresh that changes
/// nothing leaves the state equal (the runtime then draws nothing).
public struct BoardState: Hashable, Sendable {
    /// Refresh intervals `+`/`-` step through, in seconds.
    public static let intervals = [1, 2, 5, 10, 30, 60]
    /// How long a row that changed stays highlighted.
    public static let highlightSeconds: TimeInterval = 3
    /// How long a payment that left the board stays in "recently finished".
    public static let finishedWindow: TimeInterval = 10 * 60

    /// Every payment of the last refresh, as fetched.
    public private(set) var rows: [BoardRow] = []
    /// The version of `rows` (`BoardRefresh.version`), nil when unnumbered or changed here
    /// (`.left`): a delta applies only to the version it was made from.
    public private(set) var rowsVersion: Int?
    /// `rows` filtered and sorted: what the table shows, in order.
    public private(set) var visible: [BoardRow] = []
    public private(set) var totals = BoardTotals()
    public var table = TableView()
    public private(set) var filterField = TextField()
    public private(set) var editingFilter = false
    public private(set) var sort = BoardSort.standard
    public private(set) var paused = false
    public private(set) var pausedAt: Date?
    public private(set) var intervalSeconds = 2
    /// Started with `--readonly`: no cancel, and the header says so.
    public var readOnly = false
    /// False until the first refresh arrives.
    public private(set) var loaded = false
    public private(set) var source = BoardSource.list
    /// Payments whose status changed (or that appeared) recently, and when.
    public private(set) var changedAt: [String: Date] = [:]
    /// Newest first.
    public private(set) var finished: [FinishedPayment] = []
    /// The payment whose detail overlay is open.
    public private(set) var detailID: String?
    public private(set) var lastError: String?

    public init(readOnly: Bool = false) {
        self.readOnly = readOnly
    }

    public var filter: BoardFilter { BoardFilter(filterField.text) }

    /// The selected payment, if any row shows.
    public var selected: BoardRow? { visible.indices.contains(table.selection) ? visible[table.selection] : nil }

    /// The payment of the detail overlay: on the board, else among the recently finished.
    public var detail: BoardRow? {
        guard let id = detailID else { return nil }
        return rows.first { $0.id == id } ?? finished.first { $0.row.id == id }?.row
    }

    public var polling: BoardPolling { BoardPolling(intervalSeconds: intervalSeconds, paused: paused) }

    /// The board after `command`, for a table showing `visibleRows` rows; effects for the runtime.
    func reduced(_ command: BoardCommand, visibleRows: Int, now: Date) -> (BoardState, [Effect], Action?) {
        var s = self
        switch command {
        case .move(let delta): s.table = table.moved(by: delta, visibleRows: visibleRows)
        case .page(let pages): s.table = table.moved(by: pages * max(1, visibleRows - 1), visibleRows: visibleRows)
        case .top: s.table = table.selecting(0, visibleRows: visibleRows)
        case .bottom: s.table = table.selecting(visible.count - 1, visibleRows: visibleRows)
        case .editFilter: s.editingFilter = true
        case .filter(let edit):
            s.filterField = filterField.applying(edit)
            s.recompute(visibleRows: visibleRows)
        case .endFilter(let keep):
            s.editingFilter = false
            if !keep {
                s.filterField = TextField()
                s.recompute(visibleRows: visibleRows)
            }
        case .clearFilter:
            guard !filterField.text.isEmpty else { return (self, [], nil) }
            s.filterField = TextField()
            s.recompute(visibleRows: visibleRows)
        case .sortNext:
            s.sort = sort.moved(by: 1)
            s.recompute(visibleRows: visibleRows)
        case .sortPrevious:
            s.sort = sort.moved(by: -1)
            s.recompute(visibleRows: visibleRows)
        case .reverseSort:
            s.sort.descending.toggle()
            s.recompute(visibleRows: visibleRows)
        case .togglePause:
            s.paused.toggle()
            s.pausedAt = s.paused ? now : nil
            return (s, [.boardPolling(s.polling)], nil)
        case .faster, .slower:
            let index = Self.intervals.firstIndex(of: intervalSeconds) ?? 1
            let next = min(max(0, index + (command == .faster ? -1 : 1)), Self.intervals.count - 1)
            guard Self.intervals[next] != intervalSeconds else { return (self, [], nil) }
            s.intervalSeconds = Self.intervals[next]
            return (s, [.boardPolling(s.polling)], nil)
        case .refreshNow:
            return (self, [.refreshBoard], nil)
        case .openDetail:
            guard let row = selected else { return (self, [], nil) }
            s.detailID = row.id
        case .closeDetail:
            s.detailID = nil
        case .askCancel:
            guard let row = detail ?? selected else { return (self, [], nil) }
            if readOnly {
                return (self, [], .showToast(Toast("Read-only board (--readonly): cancelling is off here.", level: .error)))
            }
            guard row.status.isActive else {
                return (self, [], .showToast(Toast("This payment is \(row.status.rawValue) already: nothing to cancel.", level: .error)))
            }
            let dialog = ConfirmDialog(
                title: "Cancel payment",
                message: "Withdraw \(row.currency) \(row.formattedAmount) for “\(row.description)”? The customer can no longer pay it.",
                onConfirm: .board(.cancel(id: row.id)))
            return (self, [], .askConfirm(dialog))
        case .resendLink:
            guard let row = detail ?? selected else { return (self, [], nil) }
            if readOnly {
                return (self, [], .showToast(Toast("Read-only board (--readonly): resending links is off here.", level: .error)))
            }
            guard row.status.isActive else {
                return (self, [], .showToast(Toast("This payment is \(row.status.rawValue) already: its link no longer works, so there is nothing to resend.", level: .error)))
            }
            return (self, [.resendLink(paymentId: row.id)], nil)
        case .cancel(let id):
            guard !readOnly else { return (self, [], nil) }
            return (self, [.cancel(paymentId: id)], nil)
        case .left(let row):
            guard row.status.isTerminal, rows.contains(where: { $0.id == row.id }) else { return (self, [], nil) }
            s.rows.removeAll { $0.id == row.id }
            s.rowsVersion = nil
            s.finished.removeAll { $0.row.id == row.id }
            s.finished.insert(FinishedPayment(row: row, at: now), at: 0)
            s.recompute(visibleRows: visibleRows)
            return (s, [], nil)
        case .export:
            let export = BoardExport(csv: BoardCSV.csv(visible), fileName: BoardCSV.fileName(at: now), rowCount: visible.count)
            return (self, [.exportCSV(export)], nil)
        case .refreshed(let refresh):
            guard !paused else { return (self, [], nil) }
            s.apply(refresh, visibleRows: visibleRows)
        case .refreshFailed(let message):
            s.lastError = message
        }
        return (s, [], nil)
    }

    /// Takes in a refresh: marks what changed, moves what left to "recently finished".
    private mutating func apply(_ refresh: BoardRefresh, visibleRows: Int) {
        lastError = refresh.problem
        source = refresh.source
        let wasLoaded = loaded
        loaded = true
        for row in refresh.finished {
            finished.removeAll { $0.row.id == row.id }
            finished.insert(FinishedPayment(row: row, at: refresh.at), at: 0)
        }
        if finished.count > 200 { finished.removeLast(finished.count - 200) }
        let base = rowsVersion
        rowsVersion = refresh.version
        if wasLoaded, let delta = refresh.delta, let base, delta.base == base {
            guard !delta.removed.isEmpty || !delta.added.isEmpty else { return }
            var before: [String: PaymentStatus] = [:]
            before.reserveCapacity(delta.removed.count)
            for row in delta.removed { before[row.id] = row.status }
            for row in delta.added where before[row.id] != row.status { changedAt[row.id] = refresh.at }
            rows = refresh.rows
            if !applied(delta, visibleRows: visibleRows) { recompute(visibleRows: visibleRows) }
            return
        }
        guard refresh.rows != rows else {
            if !refresh.finished.isEmpty { recompute(visibleRows: visibleRows) }
            return
        }
        if wasLoaded {
            var before: [String: PaymentStatus] = [:]
            before.reserveCapacity(rows.count)
            for row in rows { before[row.id] = row.status }
            for row in refresh.rows where before[row.id] != row.status { changedAt[row.id] = refresh.at }
        }
        rows = refresh.rows
        recompute(visibleRows: visibleRows)
    }

    /// Forgets highlights and finished payments that are old at `now`; unchanged when none are.
    func pruned(at now: Date) -> BoardState {
        let staleHighlight = changedAt.values.contains { now.timeIntervalSince($0) >= Self.highlightSeconds }
        let staleFinished = finished.last.map { now.timeIntervalSince($0.at) >= Self.finishedWindow } ?? false
        guard staleHighlight || staleFinished else { return self }
        var s = self
        s.changedAt = changedAt.filter { now.timeIntervalSince($0.value) < Self.highlightSeconds }
        s.finished.removeAll { now.timeIntervalSince($0.at) >= Self.finishedWindow }
        return s
    }

    /// Whether `id` changed recently enough to be highlighted.
    public func isHighlighted(_ id: String) -> Bool { changedAt[id] != nil }

    /// Filters and sorts `rows` into `visible`, keeping the selection on the same payment.
    private mutating func recompute(visibleRows: Int) {
        let selectedID = selected?.id
        let filter = self.filter
        visible = sort.sorted(filter.isEmpty ? rows : rows.filter(filter.matches))
        totals = BoardTotals(visible)
        let keep = selectedID.flatMap { id in visible.firstIndex { $0.id == id } } ?? table.selection
        table = table.resized(rowCount: visible.count, visibleRows: visibleRows).selecting(keep, visibleRows: visibleRows)
    }

    /// `visible` and `totals` with `delta` applied: its old rows taken out of the sorted list
    /// and its new ones put in, each found by binary search, in one pass that copies the rest.
    /// The same result as `recompute`, without sorting or filtering every row again. False
    /// (nothing changed) when an old row is not where `visible` should have it.
    private mutating func applied(_ delta: BoardDelta, visibleRows: Int) -> Bool {
        let filter = self.filter
        let shown = { (row: BoardRow) in filter.isEmpty || filter.matches(row) }
        let selectedRow = selected
        var cuts: [Int] = []
        var nextTotals = totals
        for row in delta.removed where shown(row) {
            let index = sort.insertionIndex(of: row, in: visible)
            guard index < visible.count, visible[index] == row else { return false }
            cuts.append(index)
            nextTotals.remove(row)
        }
        cuts.sort()
        let arrivals = delta.added.filter(shown).sorted(by: sort.precedes)
        let places = arrivals.map { sort.insertionIndex(of: $0, in: visible) }
        for row in arrivals { nextTotals.add(row) }
        let next = visible.spliced(removing: cuts, inserting: arrivals, at: places)
        visible = next
        totals = nextTotals
        var keep = table.selection
        if let selectedRow {
            let current = delta.added.last { $0.id == selectedRow.id }
                ?? (delta.removed.contains { $0.id == selectedRow.id } ? nil : selectedRow)
            if let current, shown(current) {
                let index = sort.insertionIndex(of: current, in: visible)
                if index < visible.count, visible[index].id == current.id { keep = index }
            }
        }
        table = table.resized(rowCount: visible.count, visibleRows: visibleRows).selecting(keep, visibleRows: visibleRows)
        return true
    }

    /// The table re-clamped for a new height.
    func resized(visibleRows: Int) -> BoardState {
        var s = self
        s.table = table.resized(rowCount: visible.count, visibleRows: visibleRows)
        return s
    }
}
