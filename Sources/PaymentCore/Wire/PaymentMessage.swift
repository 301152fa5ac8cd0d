/// The payment message as API.md's JSON: what the platform returns to the agent side and,
/// without `token`, `paymentUrl` and `shortUrl`, to the Client.
public struct PaymentMessage: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var conversationId: String
    public var status: PaymentStatus
    public var active: Bool
    public var createdAt: String
    public var expiresAt: String
    public var updatedAt: String?
    public var payment: PaymentDetails
    public var key: String?
    public var token: String?
    public var paymentUrl: String?
    public var shortUrl: String?
    public var response: PaymentReplyRecord?
    public var events: [PaymentEvent]?
    /// Set on a reply that repeated the first one exactly (a safe retry).
    public var replayed: Bool?
    /// The identity (never the secret) of the agent API key that created the payment; agent side
    /// only, and optional because Quiq's public reference does not promise it.
    public var agentKeyId: String?

    public init(id: String, conversationId: String, status: PaymentStatus, createdAt: String, expiresAt: String,
                updatedAt: String? = nil, payment: PaymentDetails, key: String? = nil, token: String? = nil,
                paymentUrl: String? = nil, shortUrl: String? = nil, response: PaymentReplyRecord? = nil,
                events: [PaymentEvent]? = nil, replayed: Bool? = nil, agentKeyId: String? = nil) {
        self.id = id
        self.conversationId = conversationId
        self.status = status
        self.active = status.isActive
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.updatedAt = updatedAt
        self.payment = payment
        self.key = key
        self.token = token
        self.paymentUrl = paymentUrl
        self.shortUrl = shortUrl
        self.response = response
        self.events = events
        self.replayed = replayed
        self.agentKeyId = agentKeyId
    }

    /// The requested amount as money, if the currency is known.
    public var requested: Money? {
        Currency(code: payment.currency).map { Money(minorUnits: payment.amount, currency: $0) }
    }

    /// What the Client changed in its reply, if it replied.
    public var override: ReplyOverride? {
        response.map { ReplyOverride(requested: payment, reply: $0) }
    }
}

/// What is being paid for: the `payment` object of a payment message.
public struct PaymentDetails: Hashable, Sendable, Codable {
    public var description: String
    public var currency: String
    public var amount: Int64
    public var lineItems: [LineItem]
    public var metadata: [String: String]

    public init(description: String, currency: String, amount: Int64, lineItems: [LineItem] = [], metadata: [String: String] = [:]) {
        self.description = description
        self.currency = currency
        self.amount = amount
        self.lineItems = lineItems
        self.metadata = metadata
    }
}

/// The Client's result as the platform recorded it: the `response` of a payment message.
public struct PaymentReplyRecord: Hashable, Sendable, Codable {
    public var outcome: PaymentOutcome
    /// The override if the Client sent one, else the requested amount.
    public var amount: Int64
    public var lineItems: [LineItem]
    public var transactionId: String?
    public var message: String?
    public var repliedAt: String

    public init(outcome: PaymentOutcome, amount: Int64, lineItems: [LineItem], transactionId: String? = nil,
                message: String? = nil, repliedAt: String) {
        self.outcome = outcome
        self.amount = amount
        self.lineItems = lineItems
        self.transactionId = transactionId
        self.message = message
        self.repliedAt = repliedAt
    }
}

/// The two results a Client can report.
public enum PaymentOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    case success, failure

    /// The status a reply with this outcome leads to.
    public var status: PaymentStatus { self == .success ? .paid : .failed }
}

/// One line of a payment's timeline.
public struct PaymentEvent: Hashable, Sendable, Codable {
    public var at: String
    public var status: PaymentStatus
    public var note: String

    public init(at: String, status: PaymentStatus, note: String) {
        self.at = at
        self.status = status
        self.note = note
    }
}
