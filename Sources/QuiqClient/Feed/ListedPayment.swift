import Foundation
import PaymentCore

/// A payment as the list feed keeps it: the columns a board shows and the status a watcher
/// checks, decoded straight from the list's JSON. The token, links, timeline, line items and
/// metadata are skipped (read a payment for those): at 100,000 payments, decoding and keeping
/// the whole payment message was most of the console's time and memory.
public struct ListedPayment: Hashable, Sendable, Decodable, Identifiable {
    public var id: String
    public var conversationId: String
    public var status: PaymentStatus
    /// The platform's times, read once here (an unreadable one is the epoch, as a board shows it).
    public var createdAt: Date
    public var expiresAt: Date?
    /// The last change the platform recorded, else `createdAt`.
    public var updatedAt: Date
    public var description: String
    public var currency: String
    /// In minor units of `currency`.
    public var amount: Int64
    /// The identity (never the secret) of the agent key that created it, when the platform says.
    public var agentKeyId: String?

    public init(id: String, conversationId: String, status: PaymentStatus, createdAt: Date, expiresAt: Date?,
                updatedAt: Date? = nil, description: String, currency: String, amount: Int64, agentKeyId: String? = nil) {
        self.id = id
        self.conversationId = conversationId
        self.status = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.updatedAt = updatedAt ?? createdAt
        self.description = description
        self.currency = currency
        self.amount = amount
        self.agentKeyId = agentKeyId
    }

    /// The listed part of a payment read in full (a platform without the changes feed).
    public init(_ message: PaymentMessage) {
        let created = RFC3339.date(message.createdAt) ?? Date(timeIntervalSince1970: 0)
        self.init(id: message.id, conversationId: message.conversationId, status: message.status, createdAt: created,
                  expiresAt: RFC3339.date(message.expiresAt), updatedAt: message.updatedAt.flatMap(RFC3339.date),
                  description: message.payment.description, currency: message.payment.currency,
                  amount: message.payment.amount, agentKeyId: message.agentKeyId)
    }

    private enum Keys: String, CodingKey {
        case id, conversationId, status, createdAt, expiresAt, updatedAt, payment, agentKeyId
    }

    private enum PaymentKeys: String, CodingKey {
        case description, currency, amount
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let payment = try c.nestedContainer(keyedBy: PaymentKeys.self, forKey: .payment)
        let created = RFC3339.date(try c.decode(String.self, forKey: .createdAt)) ?? Date(timeIntervalSince1970: 0)
        self.init(id: try c.decode(String.self, forKey: .id),
                  conversationId: try c.decode(String.self, forKey: .conversationId),
                  status: try c.decode(PaymentStatus.self, forKey: .status),
                  createdAt: created,
                  expiresAt: RFC3339.date(try c.decode(String.self, forKey: .expiresAt)),
                  updatedAt: try c.decodeIfPresent(String.self, forKey: .updatedAt).flatMap(RFC3339.date),
                  description: try payment.decode(String.self, forKey: .description),
                  currency: try payment.decode(String.self, forKey: .currency),
                  amount: try payment.decode(Int64.self, forKey: .amount),
                  agentKeyId: try c.decodeIfPresent(String.self, forKey: .agentKeyId))
    }

    /// Newest first, then by id: the platform's order of the list, and a total one.
    public static func isNewer(_ a: ListedPayment, _ b: ListedPayment) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id
    }
}
