import Foundation
import PaymentCore

/// One payment as the supervisor board shows it: every column's value, and the lower-cased
/// text the filter searches, computed once when the row is made rather than per keystroke.
public struct BoardRow: Hashable, Sendable, Identifiable {
    public let id: String
    public var status: PaymentStatus { didSet { searchText = makeSearchText() } }
    /// In minor units of `currency`.
    public let amount: Int64
    /// ISO 4217 code as the platform sent it (an unknown code is shown as is).
    public let currency: String
    public let description: String
    public let conversationId: String
    /// The identity (never the secret) of the agent key that created it, when the platform says.
    public let agentKeyId: String?
    public let createdAt: Date
    /// The last change of status the platform recorded (its `updatedAt`, else `createdAt`).
    public var updatedAt: Date
    /// When the link stops working.
    public let expiresAt: Date?
    /// Lower-cased text of every text column, for the filter.
    public private(set) var searchText = ""

    public init(id: String, status: PaymentStatus, amount: Int64, currency: String, description: String,
                conversationId: String, agentKeyId: String? = nil, createdAt: Date, updatedAt: Date? = nil, expiresAt: Date? = nil) {
        self.id = id
        self.status = status
        self.amount = amount
        self.currency = currency
        self.description = description
        self.conversationId = conversationId
        self.agentKeyId = agentKeyId
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.expiresAt = expiresAt
        searchText = makeSearchText()
    }

    /// The columns joined by U+0001 and lower-cased. ASCII is lowered byte by byte on the way
    /// (every row of a board of 100,000 is made at once when it opens), and only text with
    /// other letters goes through `lowercased()`, which gives the same for the ASCII part.
    private func makeSearchText() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160)
        var ascii = true
        for part in [status.rawValue, formattedAmount, currency, description, conversationId, agentKeyId ?? "", id] {
            if !bytes.isEmpty { bytes.append(0x01) }
            for byte in part.utf8 {
                if byte >= 0x80 { ascii = false }
                bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return ascii ? text : text.lowercased()
    }

    /// `1,250.00` in the currency's exponent (the code has its own column).
    public var formattedAmount: String { BoardRow.formattedAmount(amount, currency: currency) }

    static func formattedAmount(_ amount: Int64, currency: String) -> String {
        guard let known = Currency(code: currency) else { return String(amount) }
        // `.code` groups thousands ("USD 1,250.00"); the code itself has a column of its own.
        return String(Money(minorUnits: amount, currency: known).formatted(.code).dropFirst(known.code.count + 1))
    }
}
