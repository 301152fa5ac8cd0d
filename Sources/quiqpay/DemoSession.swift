import ConsoleUI
import Foundation
import Logging
import MerchantDemo
import PaymentCore
import QuiqClient
import Sandbox
import Synchronization

/// What `quiqpay demo` runs besides the console: an in-memory sandbox, the reference Client
/// registered on it, the agent's QuiqAPI, the feed of real events to the handshake screen
/// and, with `--autopilot`, the user played by an HTTP client.
final class DemoSession: Sendable {
    struct Options: Sendable {
        var autopilot = false
        var loop = false
        var decline = false
        /// How long the autopilot's user looks at the page before paying.
        var pause: Duration = .seconds(2)
        /// How long the fake processor takes, so step 6 is seen happening.
        var processorDelay: Duration = .milliseconds(800)
        /// How long a finished run stays on screen before `--loop` starts the next.
        var loopPause: Duration = .seconds(5)
    }

    let options: Options
    let platform: EmbeddedPlatform
    let api: QuiqAPI
    let conversationId: String
    private let autopilot: Autopilot?
    private let feed = Mutex<HandshakeFeed?>(nil)
    private let send = Mutex<(@Sendable (Action) -> Void)?>(nil)
    private let runs = Mutex(0)

    private init(options: Options, platform: EmbeddedPlatform, api: QuiqAPI, conversationId: String) {
        self.options = options
        self.platform = platform
        self.api = api
        self.conversationId = conversationId
        autopilot = options.autopilot ? Autopilot(decline: options.decline, pause: options.pause) : nil
    }

    /// Starts the sandbox (in memory, on a free loopback port) and the reference Client on it.
    static func start(_ options: Options) async throws -> DemoSession {
        // Logs would scribble over the full-screen console: only errors, and those to nowhere a screen shows.
        var quiet = Logger(label: "quiqpay.demo") { _ in SwiftLogNoOpLogHandler() }
        quiet.logLevel = .critical
        let platform = try await EmbeddedPlatform.start(SandboxConfiguration(logger: quiet), processorDelay: options.processorDelay,
                                                        logger: quiet)
        let credentials = platform.sandbox.credentials
        let agent = credentials.agent ?? SandboxCredentials.Key(identity: "", secret: "")
        let api = QuiqAPI(options: QuiqAPI.Options(baseURL: platform.sandbox.baseURL,
                                                   credentials: Credentials(identity: agent.identity, secret: agent.secret)),
                          logger: quiet)
        return DemoSession(options: options, platform: platform, api: api, conversationId: credentials.conversationId)
    }

    /// Connects the event feed to the console; with `--autopilot`, also starts the first run.
    func attach(send: @escaping @Sendable (Action) -> Void) {
        self.send.withLock { $0 = send }
        feed.withLock { $0 = HandshakeFeed(sandbox: platform.sandbox, merchant: platform.merchant, send: send) }
        // The platform runs in this process and answered at start: the status line says so.
        send(.connection(.connected))
        if options.autopilot { send(.handshake(.newPayment)) }
    }

    /// Performs the console's `createDemoPayment`: step 1, through the agent's QuiqAPI.
    func perform(_ effect: Effect) {
        guard effect == .createDemoPayment, let send = send.withLock({ $0 }) else { return }
        let run = runs.withLock { runs in
            runs += 1
            return runs
        }
        Task { [self] in
            let payment: PaymentMessage
            do {
                payment = try await api.createPayment(DemoSession.request, conversationId: conversationId,
                                                      idempotencyKey: UUID().uuidString.lowercased())
            } catch {
                send(.handshake(.creationFailed("\(error)")))
                return
            }
            send(.handshake(.signal(.paymentCreated(payment))))
            guard let autopilot else { return }
            do {
                try await autopilot.pay(payment)
            } catch {
                send(.showToast(Toast("\(error)", level: .error, duration: 8)))
            }
            guard options.loop else { return }
            try? await Task.sleep(for: options.loopPause)
            // A key pressed meanwhile (n) started another run: that one loops on instead.
            if runs.withLock({ $0 == run }) { send(.handshake(.newPayment)) }
        }
    }

    /// The payment the agent creates in the demo: a description, line items and metadata.
    static let request = PaymentRequest(
        description: "Deposit for order 1042", currency: "USD",
        lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000, sku: "W-1"),
                    LineItem(name: "Shipping", quantity: 1, unitAmount: 2_550)],
        metadata: ["orderId": "1042"], key: "order-1042")

    /// Stops everything, the Client before the platform it talks to.
    func stop() async {
        feed.withLock { $0?.cancel() }
        await autopilot?.shutdown()
        await api.shutdown()
        await platform.stop()
    }
}
