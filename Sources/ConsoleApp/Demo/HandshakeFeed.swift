import ConsoleUI
import MerchantDemo
import PaymentCore
import Sandbox

/// Carries what the platform and the reference Client really do to the handshake screen:
/// one task per event stream, each event translated to a `HandshakeSignal` and sent as an
/// `Action`. Nothing here keeps time: an arrow lights only because something happened.
enum HandshakeFeed {
    /// Forwards the platform's events until the task is cancelled.
    static func forward(_ sandbox: RunningSandbox, send: @escaping @Sendable (Action) -> Void) async {
        for await event in sandbox.subscribe() { send(.handshake(.signal(signal(for: event)))) }
    }

    /// Forwards the reference Client's events until the task is cancelled.
    static func forward(_ merchant: RunningMerchant, send: @escaping @Sendable (Action) -> Void) async {
        for await event in merchant.subscribe() { send(.handshake(.signal(signal(for: event.kind)))) }
    }

    static func signal(for event: SandboxEvent) -> HandshakeSignal {
        switch event {
        case .shortLinkOpened(let code): .shortLinkOpened(code: code)
        }
    }

    static func signal(for kind: MerchantEvent.Kind) -> HandshakeSignal {
        switch kind {
        case .pageRequested: .pageRequested
        case .paymentRead(let message): .paymentRead(message)
        case .pageServed: .pageServed
        case .cardSubmitted(let last4): .cardSubmitted(last4: last4)
        case .processorResult(let outcome, let transactionId, let message):
            .processorResult(outcome: outcome, transactionId: transactionId, message: message)
        case .replied(let status, let message): .replied(status: status, message: message)
        case .refused(let reason): .refused(reason: reason)
        }
    }
}
