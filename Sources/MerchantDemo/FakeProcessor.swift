import Foundation
import PaymentCore

/// A card processor that moves no money, with the documented test numbers:
///
/// | Card number           | Result                                   |
/// |-----------------------|------------------------------------------|
/// | 4242 4242 4242 4242   | approved                                 |
/// | 4000 0000 0000 0002   | declined                                 |
/// | 4000 0000 0000 9995   | declined: insufficient funds             |
/// | 4000 0000 0000 0119   | the processor times out (reported failed)|
/// | any other valid number| approved                                 |
///
/// It is idempotent by payment id, as a real processor is by idempotency key: the first charge
/// of a payment decides, and every later call for that payment (a double click, the back
/// button, a replayed form, a concurrent submit) gets the first charge's result without
/// charging again.
actor FakeProcessor {
    /// The test cards, in the order the page lists them.
    static let testCards: [(number: String, result: String)] = [
        ("4242 4242 4242 4242", "succeeds"),
        ("4000 0000 0000 0002", "is declined"),
        ("4000 0000 0000 9995", "is declined for insufficient funds"),
        ("4000 0000 0000 0119", "makes the processor time out"),
    ]

    enum Decision: String, Sendable, Hashable {
        case approved, declined, insufficientFunds, timeout
    }

    /// The processor's answer for one payment.
    struct Charge: Sendable, Hashable {
        let decision: Decision
        let transactionId: String?
        let amount: Int64
        let currency: String
        let last4: String
        /// The amount and line items to report if they differ from the request (a tip, a
        /// partial payment), kept with the charge as a real processor keeps metadata, so a
        /// replayed submit reports what was really charged, not what the new form says.
        let reportedAmount: Int64?
        let reportedLineItems: [LineItem]?

        var outcome: PaymentOutcome { decision == .approved ? .success : .failure }

        /// The sentence the platform records and the result page shows.
        var message: String {
            switch decision {
            case .approved: "Payment approved."
            case .declined: "Your card was declined."
            case .insufficientFunds: "Your card was declined for insufficient funds."
            case .timeout: "The card processor did not answer in time, so you were not charged."
            }
        }
    }

    private let delay: Duration
    private var charges: [String: Task<Charge, Never>] = [:]
    private var networkCalls: [String: Int] = [:]

    init(delay: Duration) { self.delay = delay }

    /// Charges `card` once for `paymentId`; `replayed` is true when an earlier call already did.
    func charge(paymentId: String, amount: Int64, currency: String, card: CardNumber,
                reportedAmount: Int64? = nil, reportedLineItems: [LineItem]? = nil) async -> (charge: Charge, replayed: Bool) {
        if let existing = charges[paymentId] {
            return (await existing.value, true)
        }
        networkCalls[paymentId, default: 0] += 1
        let delay = self.delay
        let task = Task<Charge, Never> {
            if delay > .zero { try? await Task.sleep(for: delay) }
            let decision = FakeProcessor.decide(card.digits)
            let transactionId = decision == .timeout ? nil : FakeProcessor.newTransactionId()
            return Charge(decision: decision, transactionId: transactionId, amount: amount, currency: currency, last4: card.last4,
                          reportedAmount: reportedAmount, reportedLineItems: reportedLineItems)
        }
        charges[paymentId] = task
        return (await task.value, false)
    }

    /// How many times a charge for this payment really reached the (fake) card network.
    func chargeCount(for paymentId: String) -> Int { networkCalls[paymentId] ?? 0 }

    /// The total number of real charges, over all payments.
    func totalCharges() -> Int { networkCalls.values.reduce(0, +) }

    static func decide(_ digits: String) -> Decision {
        switch digits {
        case "4000000000000002": .declined
        case "4000000000009995": .insufficientFunds
        case "4000000000000119": .timeout
        default: .approved
        }
    }

    private static func newTransactionId() -> String {
        "txn_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    }
}
