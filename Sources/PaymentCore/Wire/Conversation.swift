/// A conversation's transcript: where the link is posted and where the outcome is announced.
public struct Conversation: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var messages: [ConversationMessage]

    public init(id: String, messages: [ConversationMessage]) {
        self.id = id
        self.messages = messages
    }
}

/// One message of a conversation.
public struct ConversationMessage: Hashable, Sendable, Codable {
    public enum Author: String, Hashable, Sendable, Codable { case agent, user, system }

    public var at: String
    public var author: Author
    public var text: String
    public var paymentId: String?

    public init(at: String, author: Author, text: String, paymentId: String? = nil) {
        self.at = at
        self.author = author
        self.text = text
        self.paymentId = paymentId
    }
}

/// A page of payments from the list endpoints.
public struct PaymentPage: Hashable, Sendable, Codable {
    public var items: [PaymentMessage]
    public var next: String?

    public init(items: [PaymentMessage], next: String? = nil) {
        self.items = items
        self.next = next
    }
}
