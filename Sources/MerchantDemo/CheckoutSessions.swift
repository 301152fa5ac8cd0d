import Foundation
import PaymentCore

/// One trip of the browser to the processor's card page and back: what the Client needs when
/// the browser returns with a payment-method token. Only its opaque id travels in the return
/// address, so the processor never sees the payment token or the mirrored key.
struct CheckoutSession: Sendable, Hashable {
    let id: String
    let token: String
    let key: String?
    let paymentId: String
    let currency: String
    let checkout: ValidCheckout
    let createdAt: Date
}

/// The Client's open checkout sessions, in memory: each lives an hour, and the oldest go first
/// past `capacity`, so a flood of page submits cannot grow the process without bound.
actor CheckoutSessions {
    private static let lifetime: TimeInterval = 3600
    private static let capacity = 10_000
    private var sessions: [String: CheckoutSession] = [:]
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date) { self.now = now }

    func open(token: String, key: String?, paymentId: String, currency: String, checkout: ValidCheckout) -> CheckoutSession {
        let current = now()
        sessions = sessions.filter { current.timeIntervalSince($0.value.createdAt) < CheckoutSessions.lifetime }
        if sessions.count >= CheckoutSessions.capacity, let oldest = sessions.min(by: { $0.value.createdAt < $1.value.createdAt }) {
            sessions.removeValue(forKey: oldest.key)
        }
        let session = CheckoutSession(id: "cs_" + ProcessorLedger.randomHex(32), token: token, key: key, paymentId: paymentId,
                                      currency: currency, checkout: checkout, createdAt: current)
        sessions[session.id] = session
        return session
    }

    func find(_ id: String) -> CheckoutSession? {
        guard let session = sessions[id], now().timeIntervalSince(session.createdAt) < CheckoutSessions.lifetime else { return nil }
        return session
    }
}
