import Foundation
import PaymentCore

/// An active payment that a new draft would repeat: same conversation, amount and currency.
/// Sending it anyway is a choice the agent makes in a dialog that shows this payment.
public struct DuplicatePayment: Hashable, Sendable {
    public var id: String
    public var description: String
    public var status: PaymentStatus
    public var amount: Money
    /// How long ago it was created, as of the reducer's clock.
    public var age: TimeInterval

    /// The question asked before the send: the existing payment, its age and status.
    var confirmation: ConfirmDialog {
        ConfirmDialog(
            title: "Possible duplicate",
            message: "This conversation already has an active payment for \(amount.formatted(.symbol)): “\(description)”, "
                + "\(status.rawValue), sent \(compactDuration(age)) ago. Send another one?",
            onConfirm: .preview(.sendAnyway))
    }
}

extension AppState {
    /// The newest active payment this console knows (its own and watched ones, and the board's
    /// rows) in the draft's conversation, for the draft's amount and currency; nil when none.
    /// Reads only what the console already holds: no request is made to decide.
    func activeDuplicate(of draft: PaymentDraft) -> DuplicatePayment? {
        guard let total = draft.total else { return nil }
        var candidates: [(id: String, description: String, status: PaymentStatus, createdAt: Date)] = []
        for message in paymentMessages where DuplicateRule.repeats(message, of: draft) {
            candidates.append((message.id, message.payment.description, message.status, RFC3339.date(message.createdAt) ?? now))
        }
        let known = Set(candidates.map(\.id))
        for row in board.rows where !known.contains(row.id) && DuplicateRule.repeats(
            conversationId: row.conversationId, currency: row.currency, amount: row.amount, active: row.status.isActive, of: draft) {
            candidates.append((row.id, row.description, row.status, row.createdAt))
        }
        guard let newest = candidates.max(by: { $0.createdAt < $1.createdAt }) else { return nil }
        return DuplicatePayment(id: newest.id, description: newest.description, status: newest.status,
                                amount: total, age: now.timeIntervalSince(newest.createdAt))
    }
}
