import ConsoleUI
import MerchantDemo
import PaymentCore
import Sandbox

/// Carries what the platform and the reference Client really do to the handshake screen:
/// one task per event stream, each event translated to a `HandshakeSignal` and sent as an
/// `Action`. Nothing here keeps time: an arrow lights only because something happened.
final class HandshakeFeed: Sendable {
    private let tasks: [Task<Void, Never>]

    init(sandbox: RunningSandbox, merchant: RunningMerchant, send: @escaping @Sendable (Action) -> Void) {
        let platform = sandbox.subscribe()
        let client = merchant.subscribe()
        tasks = [
            Task {
                for await event in platform { send(.handshake(.signal(HandshakeFeed.signal(for: event)))) }
            },
            Task {
                for await event in client { send(.handshake(.signal(HandshakeFeed.signal(for: event.kind)))) }
            },
        ]
    }

    /// Stops listening.
    func cancel() { for task in tasks { task.cancel() } }

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
