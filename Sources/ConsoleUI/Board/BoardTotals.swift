import PaymentCore

/// What the line under the board adds up: payments by status and the amount still
/// outstanding per currency, over the rows shown (the filter applies).
public struct BoardTotals: Hashable, Sendable {
    public var countByStatus: [PaymentStatus: Int] = [:]
    /// Minor units per currency code.
    public var outstanding: [String: Int64] = [:]

    /// Active rows per currency code: what tells when a currency leaves `outstanding`.
    private var activeByCurrency: [String: Int] = [:]

    public init() {}

    public init(_ rows: [BoardRow]) {
        // Each row's three fields read in place: a whole row copied per step (its strings
        // retained and released) was most of adding up 100,000.
        rows.withUnsafeBufferPointer { rows in
            for index in rows.indices { add(rows[index].status, rows[index].currency, rows[index].amount) }
        }
    }

    /// Counts `row` in: a refresh with a few changes adds and removes those, not every row.
    mutating func add(_ row: BoardRow) {
        add(row.status, row.currency, row.amount)
    }

    private mutating func add(_ status: PaymentStatus, _ currency: String, _ amount: Int64) {
        countByStatus[status, default: 0] += 1
        guard status.isActive else { return }
        outstanding[currency, default: 0] += amount
        activeByCurrency[currency, default: 0] += 1
    }

    /// Counts `row` (counted in before) out, as if it had never been.
    mutating func remove(_ row: BoardRow) {
        countByStatus[row.status] = countByStatus[row.status].flatMap { $0 > 1 ? $0 - 1 : nil }
        guard row.status.isActive else { return }
        if let active = activeByCurrency[row.currency], active > 1 {
            activeByCurrency[row.currency] = active - 1
            outstanding[row.currency, default: 0] -= row.amount
        } else {
            activeByCurrency[row.currency] = nil
            outstanding[row.currency] = nil
        }
    }

    /// `pending 6 · opened 3`, in the status machine's order.
    public var countsText: String {
        PaymentStatus.allCases.compactMap { status in countByStatus[status].map { "\(status.rawValue) \(grouped($0))" } }
            .joined(separator: " · ")
    }

    /// `USD 1,250.00 · JPY 12,000`, by currency code.
    public var outstandingText: String {
        outstanding.keys.sorted().map { code in
            let amount = outstanding[code] ?? 0
            guard let currency = Currency(code: code) else { return "\(code) \(amount)" }
            return Money(minorUnits: amount, currency: currency).formatted(.code)
        }.joined(separator: " · ")
    }
}

/// `12,345`: thousands grouped the same way money is.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
