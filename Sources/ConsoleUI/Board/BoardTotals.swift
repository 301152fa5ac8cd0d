import PaymentCore

/// What the line under the board adds up: payments by status and the amount still
/// outstanding per currency, over the rows shown (the filter applies).
public struct BoardTotals: Hashable, Sendable {
    public var countByStatus: [PaymentStatus: Int] = [:]
    /// Minor units per currency code.
    public var outstanding: [String: Int64] = [:]

    public init() {}

    public init(_ rows: [BoardRow]) {
        for row in rows {
            countByStatus[row.status, default: 0] += 1
            if row.status.isActive { outstanding[row.currency, default: 0] += row.amount }
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
