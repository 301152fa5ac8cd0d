import ConsoleUI
import Foundation
import PaymentCore
import QuiqClient
import Synchronization

/// The trainer's side of the Handshake screen: `n` there creates the demo payment (step 1)
/// through the console's own QuiqAPI, and with `--autopilot` the user is played too, over real
/// HTTP, with `--loop` starting the next run a few seconds after each one ends.
final class DemoPayments: Sendable {
    /// How `quiqpay demo` runs.
    struct Options: Sendable {
        var autopilot = false
        var loop = false
        var decline = false
        /// How long the autopilot's user looks at the page before paying.
        var pause: Duration = .seconds(2)
        /// How long a finished run stays on screen before `--loop` starts the next.
        var loopPause: Duration = .seconds(5)
    }

    private let api: QuiqAPI
    private let conversationId: String?
    private let options: Options
    private let autopilot: Autopilot?
    private let runs = Mutex(0)

    init(api: QuiqAPI, conversationId: String?, options: Options) {
        self.api = api
        self.conversationId = conversationId
        self.options = options
        autopilot = options.autopilot ? Autopilot(decline: options.decline, pause: options.pause) : nil
    }

    /// Whether the first run starts by itself (`--autopilot`).
    var startsAlone: Bool { options.autopilot }

    /// Step 1: creates the demo payment and hands it to `created` (to journal and watch it);
    /// with the autopilot, pays it as the user would.
    func run(send: @escaping @Sendable (Action) -> Void, created: @Sendable (PaymentMessage) async -> Void) async {
        guard let conversationId else {
            send(.handshake(.creationFailed("There is no conversation to send the demo payment to: pass --conversation or set QUIQ_CONVERSATION.")))
            return
        }
        let run = runs.withLock { runs in
            runs += 1
            return runs
        }
        let payment: PaymentMessage
        do throws(QuiqClientError) {
            payment = try await api.createPayment(DemoPayments.request, conversationId: conversationId,
                                                  idempotencyKey: UUID().uuidString.lowercased())
        } catch {
            send(.handshake(.creationFailed(error.description)))
            return
        }
        await created(payment)
        send(.paymentUpdated(payment))
        send(.handshake(.signal(.paymentCreated(payment))))
        guard let autopilot else { return }
        do throws(AutopilotError) {
            try await autopilot.pay(payment)
        } catch {
            send(.showToast(Toast(error.description, level: .error, duration: 8)))
        }
        guard options.loop else { return }
        do {
            try await Task.sleep(for: options.loopPause)
        } catch {
            return  // the console is quitting
        }
        // A key pressed meanwhile (n) started another run: that one loops on instead.
        if runs.withLock({ $0 == run }) { send(.handshake(.newPayment)) }
    }

    func shutdown() async { await autopilot?.shutdown() }

    /// The payment the agent creates in the demo: a description, line items and metadata.
    static let request = PaymentRequest(
        description: "Deposit for order 1042", currency: "USD",
        lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000, sku: "W-1"),
                    LineItem(name: "Shipping", quantity: 1, unitAmount: 2_550)],
        metadata: ["orderId": "1042"], key: "order-1042")
}
