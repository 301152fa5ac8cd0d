import Foundation
import Synchronization

/// A single-use payment-method token the processor minted when the user typed a card into its
/// page: bound to one payment, one amount and one currency. The card number stays out of it:
/// only what the charge needs (the decision the test card stands for) and what may be shown.
struct PaymentMethod: Sendable, Hashable {
    let id: String
    let paymentId: String
    let amount: Int64
    let currency: String
    let brand: String
    let last4: String
    let decision: ChargeDecision
    let createdAt: Date
}

/// The processor's answer to one charge, as its API returns it: never more of the card than
/// its brand and last four digits.
struct ProcessorCharge: Sendable, Hashable, Codable {
    let id: String
    let decision: ChargeDecision
    let transactionId: String?
    let paymentId: String
    let amount: Int64
    let currency: String
    let brand: String
    let last4: String
}

/// Why a charge was refused before it reached the card network; nothing was charged.
enum ChargeRefusal: Error, Sendable, Hashable {
    case unknownToken
    case tokenUsed
    case tokenExpired
    /// The token was minted for another payment, amount or currency (the field named).
    case tokenMismatch(String)

    var code: String {
        switch self {
        case .unknownToken: "unknown_payment_method"
        case .tokenUsed: "payment_method_used"
        case .tokenExpired: "payment_method_expired"
        case .tokenMismatch: "payment_method_mismatch"
        }
    }

    var message: String {
        switch self {
        case .unknownToken: "No such payment method: the card must be entered on this processor's page first."
        case .tokenUsed: "This payment method was already used: enter the card again to get a new one."
        case .tokenExpired: "This payment method is older than 10 minutes: enter the card again to get a new one."
        case .tokenMismatch(let field): "This payment method was issued for another \(field): enter the card again for this payment."
        }
    }
}

/// A charge as the API asked for it.
struct ChargeRequest: Sendable, Hashable {
    let paymentMethod: String
    let paymentId: String
    let amount: Int64
    let currency: String
    let idempotencyKey: String
}

/// Lets a test hold every charge at the card network until it says go, so a race (another
/// reply reaching the platform first) is arranged by what happened, not by a delay.
final class ChargeGate: Sendable {
    private struct State {
        var open = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let arrivals: AsyncStream<Void>.Continuation
    /// One element per charge that reached the gate (one reader: the test).
    let arrived: AsyncStream<Void>

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        arrived = stream
        arrivals = continuation
    }

    func pass() async {
        arrivals.yield()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let go = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiting.append(continuation)
                return false
            }
            if go { continuation.resume() }
        }
    }

    /// Lets every held charge, and every later one, through.
    func open() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

/// The processor's books: the payment-method tokens it minted and the charges it made, keyed by
/// idempotency key. Every rule of issue 13 item 4 is decided here, inside one actor, so two
/// concurrent charges cannot both pass a check the other one is about to change.
actor ProcessorLedger {
    static let tokenLifetime: TimeInterval = 600
    /// Tokens are forgotten an hour after minting, used or not, so the books stay small.
    private static let retention: TimeInterval = 3600
    /// A charge answers a repeated idempotency key for a day (as card processors do), then is forgotten.
    private static let idempotencyWindow: TimeInterval = 86_400

    private let now: @Sendable () -> Date
    private let delay: Duration
    private let gate: ChargeGate?
    private var methods: [String: PaymentMethod] = [:]
    private var used: Set<String> = []
    private var charges: [String: (task: Task<ProcessorCharge, Never>, at: Date, paymentId: String)] = [:]
    private var networkCalls: [String: Int] = [:]
    /// When the books were last swept: at most once a minute, so minting stays cheap.
    private var sweptAt = Date.distantPast

    init(now: @escaping @Sendable () -> Date, delay: Duration, gate: ChargeGate?) {
        self.now = now
        self.delay = delay
        self.gate = gate
    }

    /// Step 5: the card the user typed becomes a token; the number itself is not kept.
    func mint(paymentId: String, amount: Int64, currency: String, card: CardNumber) -> PaymentMethod {
        let current = now()
        sweep(at: current)
        let method = PaymentMethod(id: "pm_" + ProcessorLedger.randomHex(24), paymentId: paymentId, amount: amount, currency: currency,
                                   brand: TestCards.brand(card.digits), last4: card.last4,
                                   decision: TestCards.decide(card.digits), createdAt: current)
        methods[method.id] = method
        return method
    }

    /// Step 6: charges once per idempotency key. A key seen before gets its first charge back
    /// (`replayed`), whatever the request says now; otherwise the token must be fresh, unused
    /// and minted for exactly this payment, amount and currency.
    func charge(_ request: ChargeRequest) async -> Result<(charge: ProcessorCharge, replayed: Bool), ChargeRefusal> {
        if let first = charges[request.idempotencyKey] {
            return .success((await first.task.value, true))
        }
        guard let method = methods[request.paymentMethod] else { return .failure(.unknownToken) }
        guard !used.contains(method.id) else { return .failure(.tokenUsed) }
        guard now().timeIntervalSince(method.createdAt) < ProcessorLedger.tokenLifetime else { return .failure(.tokenExpired) }
        guard method.paymentId == request.paymentId else { return .failure(.tokenMismatch("payment")) }
        guard method.amount == request.amount else { return .failure(.tokenMismatch("amount")) }
        guard method.currency == request.currency else { return .failure(.tokenMismatch("currency")) }
        used.insert(method.id)
        networkCalls[method.paymentId, default: 0] += 1
        let delay = self.delay
        let gate = self.gate
        let task = Task<ProcessorCharge, Never> {
            if let gate { await gate.pass() }
            // A demo's pause so step 6 is seen happening; a cancelled sleep only shortens it.
            if delay > .zero { try? await Task.sleep(for: delay) }
            return ProcessorCharge(id: "ch_" + ProcessorLedger.randomHex(20), decision: method.decision,
                                   transactionId: method.decision == .timeout ? nil : "txn_" + ProcessorLedger.randomHex(20),
                                   paymentId: method.paymentId, amount: method.amount, currency: method.currency,
                                   brand: method.brand, last4: method.last4)
        }
        charges[request.idempotencyKey] = (task, now(), method.paymentId)
        return .success((await task.value, false))
    }

    /// Forgets tokens past their retention and charges past the idempotency window.
    private func sweep(at current: Date) {
        guard current.timeIntervalSince(sweptAt) >= 60 else { return }
        sweptAt = current
        methods = methods.filter { current.timeIntervalSince($0.value.createdAt) < ProcessorLedger.retention }
        used = used.filter { methods[$0] != nil }
        let kept = charges.filter { current.timeIntervalSince($0.value.at) < ProcessorLedger.idempotencyWindow }
        if kept.count != charges.count {
            charges = kept
            let charged = Set(kept.values.map(\.paymentId))
            networkCalls = networkCalls.filter { charged.contains($0.key) }
        }
    }

    /// How many times a charge for this payment really reached the (fake) card network.
    func chargeCount(for paymentId: String) -> Int { networkCalls[paymentId] ?? 0 }

    /// The total number of real charges, over all payments.
    func totalCharges() -> Int { networkCalls.values.reduce(0, +) }

    static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in "0123456789abcdef".randomElement(using: &generator) ?? "0" })
    }
}
