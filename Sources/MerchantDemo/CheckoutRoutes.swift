import Foundation
import Hummingbird
import Logging
import PaymentCore
import Synchronization

/// The Client's back end, steps 2 to 7 of the handshake: the Payment Collection page
/// (`GET /pay`), its button that sends the browser to the processor's card page (`POST /pay`),
/// the return from there with a payment-method token that it charges server to server
/// (`GET /pay/return`), and the result page (`GET /pay/result`).
struct CheckoutRoutes: Sendable {
    let merchantName: String
    let platform: PlatformClient
    let verifier: TokenVerifier
    let processor: ProcessorClient
    let sessions: CheckoutSessions
    /// The Client's own base URL, known once bound: the processor sends the browser back there.
    let ownAddress: OwnAddress
    let formToken: FormToken
    let events: EventBroadcaster
    let logger: Logger
    let now: @Sendable () -> Date

    /// The page's form is a few hundred bytes; anything much larger is not one.
    static let maximumFormBytes = 16 * 1024

    func register(on router: Router<BasicRequestContext>) {
        router.get("/pay") { request, _ in await showPage(request) }
        router.post("/pay") { request, _ in await submit(request) }
        router.get("/pay/return") { request, _ in await complete(request) }
        router.get("/pay/result") { request, _ in await showResult(request) }
        router.get(RouterPath(stringLiteral: Stylesheet.path)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
    }

    // MARK: - Step 2-4: the page

    func showPage(_ request: Request) async -> Response {
        let token = request.uri.queryParameters.get("token")
        let key = request.uri.queryParameters.get("key")
        let claims: PaymentTokenClaims
        do {
            claims = try await verifiedClaims(token)
        } catch {
            events.emit(.pageRequested, paymentId: nil)
            return refuse(error, paymentId: nil)
        }
        let paymentId = claims.sub.value
        events.emit(.pageRequested, paymentId: paymentId)
        let payment: PaymentMessage
        do {
            payment = try await readPayment(token: token ?? "", key: key, claims: claims)
            try requireActive(payment)
        } catch {
            return refuse(error, paymentId: paymentId)
        }
        let hidden = PaymentPage.Hidden(token: token ?? "", key: key, csrf: formToken.issue(paymentId: paymentId))
        let page = PaymentPage.render(payment: payment, hidden: hidden, merchantName: merchantName)
        events.emit(.pageServed, paymentId: paymentId)
        logger.info("Payment page served", metadata: ["payment.id": "\(paymentId)", "payment.status": "\(payment.status.rawValue)"])
        return HTMLResponse.page(page)
    }

    // MARK: - Step 5: to the processor's card page

    /// The page's button: checks the tip or partial amount, then sends the browser to the
    /// processor's card page for exactly that amount. No card field reaches this route.
    func submit(_ request: Request) async -> Response {
        let form: CheckoutForm
        do {
            form = try await readForm(request)
        } catch {
            return refuse(error, paymentId: nil)
        }
        let claims: PaymentTokenClaims
        do {
            claims = try await verifiedClaims(form.token)
        } catch {
            return refuse(error, paymentId: nil)
        }
        let paymentId = claims.sub.value
        guard let csrf = form.csrf, formToken.isValid(csrf, paymentId: paymentId) else {
            return refuse(.foreignForm, paymentId: paymentId)
        }
        let token = form.token ?? ""
        let payment: PaymentMessage
        do {
            payment = try await readPayment(token: token, key: form.key, claims: claims, announce: false)
        } catch {
            return refuse(error, paymentId: paymentId)
        }
        if let finished = finishedResponse(payment, token: token, key: form.key) { return finished }

        switch CheckoutValidation.validate(form, payment: payment.payment) {
        case .failure(let failure):
            let fields = failure.messages.keys.sorted().joined(separator: ",")
            logger.info("Payment page form has errors", metadata: ["payment.id": "\(paymentId)", "fields": "\(fields)"])
            let hidden = PaymentPage.Hidden(token: token, key: form.key, csrf: formToken.issue(paymentId: paymentId))
            let page = PaymentPage.render(payment: payment, hidden: hidden, kept: form.kept, errors: failure.messages, merchantName: merchantName)
            return HTMLResponse.page(page, status: .unprocessableContent)
        case .success(let checkout):
            let session = await sessions.open(token: token, key: form.key, paymentId: paymentId, currency: payment.payment.currency,
                                              checkout: checkout)
            let returnURL = ownAddress.baseURL + "/pay/return?" + FormEncoding.encode([("session", session.id)])
            logger.info("Sent to the processor's card page", metadata: ["payment.id": "\(paymentId)", "amount": "\(checkout.chargeAmount)",
                                                                      "currency": "\(payment.payment.currency)"])
            return HTMLResponse.redirect(to: CardEntry.url(base: processor.baseURL, publishableKey: processor.publishableKey,
                                                           paymentId: paymentId, amount: checkout.chargeAmount,
                                                           currency: payment.payment.currency, returnURL: returnURL))
        }
    }

    // MARK: - Step 6-7: the charge and the reply

    /// Where the processor sends the browser back with `pm=pm_...`: re-reads the payment with the
    /// token (step 6), charges server to server with the secret key, and reports (step 7).
    func complete(_ request: Request) async -> Response {
        guard let sessionId = request.uri.queryParameters.get("session"), let session = await sessions.find(sessionId) else {
            return refuse(.unknownSession, paymentId: nil)
        }
        let paymentId = session.paymentId
        guard let paymentMethod = request.uri.queryParameters.get("pm"), !paymentMethod.isEmpty else {
            return HTMLResponse.redirect(to: pageURL(token: session.token, key: session.key))
        }
        let payment: PaymentMessage
        do {
            let claims = try await verifiedClaims(session.token)
            payment = try await readPayment(token: session.token, key: session.key, claims: claims)
        } catch {
            return refuse(error, paymentId: paymentId)
        }
        if let finished = finishedResponse(payment, token: session.token, key: session.key) { return finished }

        let checkout = session.checkout
        logger.info("Charging the processor", metadata: ["payment.id": "\(paymentId)", "amount": "\(checkout.chargeAmount)",
                                                         "currency": "\(session.currency)"])
        let answer = await processor.charge(paymentMethod: paymentMethod, paymentId: paymentId, amount: checkout.chargeAmount,
                                            currency: session.currency)
        let result: ChargeResult
        var replayed = false
        switch answer {
        case .charged(let charge, let wasReplayed):
            replayed = wasReplayed
            let approved = charge.decision == .approved
            let reported = charge.amount == payment.payment.amount ? nil : charge.amount
            result = ChargeResult(outcome: approved ? .success : .failure, transactionId: charge.transactionId,
                                  message: charge.decision.message, amount: approved ? reported : nil,
                                  lineItems: approved && charge.amount == checkout.chargeAmount ? checkout.overrideLineItems : nil)
            logger.info("Processor answered", metadata: ["payment.id": "\(paymentId)", "decision": "\(charge.decision.rawValue)",
                                                         "card.brand": "\(charge.brand)", "card.last4": "\(charge.last4)",
                                                         "replayed": "\(wasReplayed)"])
        case .timedOut:
            result = ChargeResult(outcome: .failure, transactionId: nil, message: ChargeDecision.timeout.message, amount: nil, lineItems: nil)
            logger.notice("Processor timed out; reporting a failure", metadata: ["payment.id": "\(paymentId)"])
        case .refused(let code):
            logger.notice("Processor refused the payment method", metadata: ["payment.id": "\(paymentId)", "reason": "\(code)"])
            return refuse(.cardEntryRejected, paymentId: paymentId)
        case .credentialsRefused:
            logger.error("The processor refused the Client's secret key: check the processor descriptor's keys",
                         metadata: ["payment.id": "\(paymentId)"])
            return refuse(.processorMisconfigured, paymentId: paymentId)
        case .unavailable(let status):
            logger.error("Processor unavailable", metadata: ["payment.id": "\(paymentId)", "http.status": "\(status.map(String.init) ?? "-")"])
            return refuse(.processorUnavailable, paymentId: paymentId)
        }
        if !replayed {
            events.emit(.processorResult(outcome: result.outcome, transactionId: result.transactionId, message: result.message), paymentId: paymentId)
        }
        return await report(result, token: session.token, key: session.key, paymentId: paymentId, repeated: replayed)
    }

    /// The reply to send for the processor's answer.
    struct ChargeResult: Sendable {
        let outcome: PaymentOutcome
        let transactionId: String?
        let message: String
        let amount: Int64?
        let lineItems: [LineItem]?
    }

    /// A paid or failed payment shows its result and charges nothing; an expired or cancelled one is refused.
    private func finishedResponse(_ payment: PaymentMessage, token: String, key: String?) -> Response? {
        switch payment.status {
        case .paid, .failed:
            logger.info("Payment already finished; nothing charged", metadata: ["payment.id": "\(payment.id)"])
            return HTMLResponse.redirect(to: resultURL(token: token, key: key, repeated: true))
        case .expired:
            return refuse(.expired, paymentId: payment.id)
        case .cancelled:
            return refuse(.cancelled, paymentId: payment.id)
        case .pending, .opened:
            return nil
        }
    }

    /// Step 7: tells the platform the processor's answer, and shows the result that counts.
    private func report(_ charge: ChargeResult, token: String, key: String?, paymentId: String, repeated: Bool) async -> Response {
        let reply = PaymentReply(outcome: charge.outcome, transactionId: charge.transactionId, message: charge.message,
                                 amount: charge.amount, lineItems: charge.lineItems)
        do {
            switch try await platform.reply(token: token, reply) {
            case .recorded(let message):
                events.emit(.replied(status: 200, message: message), paymentId: paymentId)
                logger.info("Reply recorded", metadata: ["payment.id": "\(paymentId)", "payment.status": "\(message.status.rawValue)"])
                return HTMLResponse.redirect(to: resultURL(token: token, key: key, repeated: repeated))
            case .alreadyReplied:
                events.emit(.replied(status: 409, message: nil), paymentId: paymentId)
                logger.notice("Platform already had a reply; showing the first result", metadata: ["payment.id": "\(paymentId)"])
                return HTMLResponse.redirect(to: resultURL(token: token, key: key, repeated: true))
            }
        } catch {
            if case .status(let status, let body) = error {
                events.emit(.replied(status: status, message: nil), paymentId: paymentId)
                logger.error("Platform refused the reply", metadata: ["payment.id": "\(paymentId)", "http.status": "\(status)",
                                                                       "error.code": "\(body?.error.code ?? "-")"])
                if status == 410 || status == 403 || status == 401 || status == 429 {
                    return refuse(Refusal(error), paymentId: paymentId)
                }
            } else {
                logger.error("Could not reach the platform to reply", metadata: ["payment.id": "\(paymentId)"])
            }
            let reason = "The card processor answered but Quiq did not record the result."
            events.emit(.refused(reason: reason), paymentId: paymentId)
            return HTMLResponse.page(ReportFailurePage.render(message: charge.message, merchantName: merchantName), status: .badGateway)
        }
    }

    // MARK: - The result

    func showResult(_ request: Request) async -> Response {
        let token = request.uri.queryParameters.get("token")
        let key = request.uri.queryParameters.get("key")
        let repeated = request.uri.queryParameters.get("repeat") == "1"
        let paymentId: String
        let payment: PaymentMessage
        do {
            let claims = try await verifiedClaims(token)
            paymentId = claims.sub.value
            payment = try await readPayment(token: token ?? "", key: key, claims: claims, announce: false)
        } catch {
            return refuse(error, paymentId: nil)
        }
        switch payment.status {
        case .paid, .failed:
            guard let record = payment.response else { return refuse(.unexpected, paymentId: paymentId) }
            return HTMLResponse.page(ResultPage.render(payment: payment, record: record, repeated: repeated, merchantName: merchantName))
        case .pending, .opened:
            return HTMLResponse.redirect(to: pageURL(token: token ?? "", key: key))
        case .expired:
            return refuse(.expired, paymentId: paymentId)
        case .cancelled:
            return refuse(.cancelled, paymentId: paymentId)
        }
    }

    // MARK: - Shared steps

    private func verifiedClaims(_ token: String?) async throws(Refusal) -> PaymentTokenClaims {
        guard let token, !token.isEmpty else { throw .missingToken }
        do {
            return try await verifier.verify(token)
        } catch {
            logger.notice("Payment token refused", metadata: ["reason": "\(error)"])
            throw Refusal(error)
        }
    }

    /// Step 3: reads the payment with the token, then checks it is the token's payment and that
    /// the mirrored `key` is the payment's.
    private func readPayment(token: String, key: String?, claims: PaymentTokenClaims, announce: Bool = true) async throws(Refusal) -> PaymentMessage {
        let payment: PaymentMessage
        do {
            payment = try await platform.readPayment(token: token)
        } catch {
            logger.notice("Platform did not return the payment", metadata: ["payment.id": "\(claims.sub.value)", "error": "\(error.summary)"])
            throw Refusal(readingVerifiedToken: error)
        }
        if announce { events.emit(.paymentRead(payment), paymentId: payment.id) }
        guard payment.id == claims.sub.value, claims.cid.map({ $0 == payment.conversationId }) ?? true else { throw .invalidToken }
        guard CheckoutRoutes.sameKey(key, payment.key) else { throw .keyMismatch }
        return payment
    }

    private func requireActive(_ payment: PaymentMessage) throws(Refusal) {
        switch payment.status {
        case .pending, .opened: return
        case .paid, .failed: throw .alreadyFinished(payment)
        case .expired: throw .expired
        case .cancelled: throw .cancelled
        }
    }

    private func readForm(_ request: Request) async throws(Refusal) -> CheckoutForm {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: CheckoutRoutes.maximumFormBytes) } catch { throw .bodyTooLarge }
        do {
            return try URLEncodedFormDecoder().decode(CheckoutForm.self, from: String(buffer: buffer))
        } catch {
            throw .foreignForm
        }
    }

    private func refuse(_ refusal: Refusal, paymentId: String?) -> Response {
        events.emit(.refused(reason: refusal.reason), paymentId: paymentId)
        logger.notice("Request refused", metadata: ["payment.id": "\(paymentId ?? "-")", "reason": "\(refusal.code)"])
        return HTMLResponse.page(RefusalPage.render(refusal, merchantName: merchantName), status: refusal.status)
    }

    /// Both absent, or both present and equal (compared in constant time).
    static func sameKey(_ mirrored: String?, _ expected: String?) -> Bool {
        switch (mirrored, expected) {
        case (nil, nil): return true
        case (let a?, let b?):
            let x = Array(a.utf8), y = Array(b.utf8)
            guard x.count == y.count else { return false }
            var difference: UInt8 = 0
            for index in x.indices { difference |= x[index] ^ y[index] }
            return difference == 0
        default: return false
        }
    }

    private func pageURL(token: String, key: String?) -> String {
        "/pay?" + CheckoutRoutes.query(token: token, key: key)
    }

    private func resultURL(token: String, key: String?, repeated: Bool) -> String {
        "/pay/result?" + CheckoutRoutes.query(token: token, key: key) + (repeated ? "&repeat=1" : "")
    }

    static func query(token: String, key: String?) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        func encode(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return "token=\(encode(token))" + (key.map { "&key=\(encode($0))" } ?? "")
    }
}

extension PlatformError {
    /// For logs: the status and API.md error code, never a body that could hold anything else.
    var summary: String {
        switch self {
        case .unreachable: "unreachable"
        case .undecodable: "undecodable answer"
        case .status(let status, let body): "HTTP \(status) \(body?.error.code ?? "")"
        }
    }
}

/// The Client's own base URL, set once the server is bound (routes are built before).
final class OwnAddress: Sendable {
    private let value = Mutex("")
    var baseURL: String { value.withLock { $0 } }
    func set(_ url: String) { value.withLock { $0 = url } }
}
