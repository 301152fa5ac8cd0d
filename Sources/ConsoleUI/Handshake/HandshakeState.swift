import Foundation
import PaymentCore

/// One step that really happened: when, whether it went wrong, and what travelled.
public struct StepRecord: Hashable, Sendable {
    public var at: Date
    /// The step carried a failure (a declined card, a failed reply).
    public var failed: Bool
    /// The payload pane's lines; secrets are never in them (see `HandshakePayload`).
    public var payload: [String]

    public init(at: Date, failed: Bool = false, payload: [String]) {
        self.at = at
        self.failed = failed
        self.payload = payload
    }
}

/// What the handshake screen's keys and the runtime's reports do.
public enum HandshakeCommand: Hashable, Sendable {
    /// The agent's step 1: clear the diagram and ask the runtime for a new demo payment.
    case newPayment
    /// The runtime could not create it; the sentence says what to do.
    case creationFailed(String)
    /// Something happened in the platform or the Client.
    case signal(HandshakeSignal)
    /// Teaching: reveal the next step that has happened (turns stepping on if it was off).
    case revealNext
    /// Teaching: hold later steps back until space, or show everything at once again.
    case toggleStepping
    /// Select the step whose payload the side pane shows.
    case select(Int)
}

/// The handshake screen: which of the seven steps really happened, with their payloads, and
/// how far a trainer stepping through them has revealed.
public struct HandshakeState: Hashable, Sendable {
    /// The steps that happened for the current demo payment.
    public var records: [HandshakeStep: StepRecord] = [:]
    /// The demo payment, once the platform created it.
    public var paymentId: String?
    public var shortCode: String?
    /// The payment's last known status and amount, for the footer.
    public var status: PaymentStatus?
    public var amount: Money?
    /// Waiting for the runtime to create the payment.
    public var creating = false
    /// The Client's last refusal, shown under the diagram.
    public var refusal: String?
    /// Teaching mode: only steps up to `revealed` show; space reveals the next.
    public var stepping = false
    public var revealed = 0
    /// The step the payload pane shows; nil follows the latest step shown.
    public var selected: HandshakeStep?
    /// What this console can observe of the flow (the platform's `PlatformInfo.vantage`).
    public var vantage: HandshakeVantage = .wholeFlow

    public init(stepping: Bool = false, vantage: HandshakeVantage = .wholeFlow) {
        self.stepping = stepping
        self.vantage = vantage
    }

    /// Whether `step` is drawn lit: it happened, and stepping (if on) has reached it.
    public func isShown(_ step: HandshakeStep) -> Bool {
        records[step] != nil && (!stepping || step.rawValue <= revealed)
    }

    /// Steps that happened but that stepping still holds back.
    public var heldBack: Int { HandshakeStep.allCases.filter { records[$0] != nil && !isShown($0) }.count }

    /// The step the payload pane shows: the chosen one, else the latest one shown.
    public var paneStep: HandshakeStep? {
        selected ?? HandshakeStep.allCases.last { isShown($0) }
    }

    /// Every step this console can observe shown, and none held back.
    public var allDone: Bool { HandshakeStep.allCases.filter(vantage.observes).allSatisfy(isShown) }

    /// The state after `command` at time `now`.
    public func reduced(_ command: HandshakeCommand, now: Date) -> HandshakeState {
        var s = self
        switch command {
        case .newPayment:
            s = HandshakeState(stepping: stepping, vantage: vantage)
            s.creating = true
        case .creationFailed:
            s.creating = false
        case .signal(let signal):
            s = s.recording(signal, at: now)
        case .revealNext:
            if !s.stepping {
                s.stepping = true
                s.revealed = HandshakeStep.allCases.last { isShown($0) }?.rawValue ?? 0
            }
            // Only a step that happened can be revealed: the view never runs ahead of reality.
            if let next = HandshakeStep(rawValue: s.revealed + 1), s.records[next] != nil { s.revealed += 1 }
        case .toggleStepping:
            s.stepping.toggle()
            s.revealed = s.stepping ? 0 : 7
        case .select(let delta):
            let current = s.paneStep?.rawValue ?? 0
            let target = min(7, max(1, current + delta))
            s.selected = HandshakeStep(rawValue: target)
        }
        return s
    }

    /// Records what `signal` says happened. Signals about another payment than the demo's are ignored.
    func recording(_ signal: HandshakeSignal, at now: Date) -> HandshakeState {
        var s = self
        func mark(_ step: HandshakeStep, failed: Bool = false, _ payload: [String]) {
            if var record = s.records[step] {
                record.payload += payload
                record.failed = record.failed || failed
                s.records[step] = record
            } else {
                s.records[step] = StepRecord(at: now, failed: failed, payload: payload)
            }
        }
        switch signal {
        case .paymentCreated(let message):
            s.creating = false
            s.paymentId = message.id
            s.shortCode = message.shortUrl.flatMap { $0.split(separator: "/").last.map(String.init) }
            s.status = message.status
            s.amount = message.requested
            mark(.paymentMessage, HandshakePayload.created(message))
        case .shortLinkOpened(let code):
            guard code == s.shortCode else { return self }
            mark(.linkClicked, HandshakePayload.shortLink(code))
        case .pageRequested:
            guard s.paymentId != nil else { return self }
            mark(.linkClicked, HandshakePayload.pageRequested)
        case .paymentRead(let message):
            guard message.id == s.paymentId else { return self }
            s.status = message.status
            mark(.clientReads, HandshakePayload.read(message))
        case .pageServed:
            guard s.records[.clientReads] != nil else { return self }
            mark(.pageReturned, HandshakePayload.pageServed(amount: s.amount))
        case .cardSubmitted(let last4):
            guard s.records[.pageReturned] != nil else { return self }
            mark(.cardEntered, HandshakePayload.card(last4: last4))
        case .processorResult(let outcome, let transactionId, let message):
            guard s.records[.cardEntered] != nil else { return self }
            mark(.processorCharge, failed: outcome == .failure,
                 HandshakePayload.processor(outcome: outcome, transactionId: transactionId, message: message, amount: s.amount))
        case .replied(let status, let message):
            guard s.records[.processorCharge] != nil, message.map({ $0.id == s.paymentId }) ?? true else { return self }
            if let message { s.status = message.status }
            mark(.resultReported, failed: !(200..<300).contains(status) || message?.status == .failed,
                 HandshakePayload.reply(status: status, message: message))
        case .refused(let reason):
            guard s.paymentId != nil else { return self }
            s.refusal = reason
        case .paymentSeen(let message):
            guard message.id == s.paymentId else { return self }
            s.status = message.status
            // The status is all the agent side sees of steps 3 and 7 when no event told of them
            // first: a live site, or a Client other than the reference one.
            if message.status != .pending, s.records[.clientReads] == nil {
                mark(.clientReads, HandshakePayload.seenByPolling(message, step: .clientReads))
            }
            if message.status.isTerminal, s.records[.resultReported] == nil {
                mark(.resultReported, failed: message.status != .paid, HandshakePayload.seenByPolling(message, step: .resultReported))
            }
        }
        return s
    }
}
