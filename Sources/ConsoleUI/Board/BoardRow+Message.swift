import Foundation
import PaymentCore

extension BoardRow {
    /// The row for a payment message as the platform sent it.
    public init(_ message: PaymentMessage) {
        let created = RFC3339.date(message.createdAt) ?? Date(timeIntervalSince1970: 0)
        self.init(id: message.id, status: message.status, amount: message.payment.amount, currency: message.payment.currency,
                  description: message.payment.description, conversationId: message.conversationId,
                  agentKeyId: message.agentKeyId, createdAt: created,
                  updatedAt: message.updatedAt.flatMap(RFC3339.date) ?? created, expiresAt: RFC3339.date(message.expiresAt))
    }
}
