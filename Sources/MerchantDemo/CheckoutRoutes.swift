import Foundation
import Hummingbird
import Logging
import PaymentCore

/// The Client's back end: the Payment Collection page (`GET /pay`), the card form's target
/// (`POST /pay`) and the result page (`GET /pay/result`), steps 2 to 7 of the handshake.
struct CheckoutRoutes: Sendable {
    let merchantName: String
    let platform: PlatformClient
    let verifier: TokenVerifier
    let processor: FakeProcessor
    let formToken: FormToken
    let events: EventBroadcaster
    let logger: Logger
    let now: @Sendable () -> Date

    /// A card form is a few hundred bytes; anything much larger is not one.
    static let maximumFormBytes = 16 * 1024

    func register(on router: Router<BasicRequestContext>) {
        router.get("/pay") { request, _ in await showPage(request) }
        router.post("/pay") { request, _ in await submit(request) }
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

    // MARK: - Step 5-7: the card

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
            payment = try await readPayment(token: token, key: form.key, claims: claims)
        } catch {
            return refuse(error, paymentId: paymentId)
        }
        switch payment.status {
        case .paid, .failed:
            // A second submit after the result was recorded: charge nothing, show the first result.
            logger.info("Form submitted again for a finished payment; nothing charged", metadata: ["payment.id": "\(paymentId)"])
            return HTMLResponse.redirect(to: resultURL(token: token, key: form.key, repeated: true))
        case .expired:
            return refuse(.expired, paymentId: paymentId)
        case .cancelled:
            return refuse(.cancelled, paymentId: paymentId)
        case .pending, .opened:
            break
        }

        let checkout: ValidCheckout
        switch CheckoutValidation.validate(form, payment: payment.payment, now: now()) {
        case .success(let valid):
            checkout = valid
        case .failure(let failure):
            let errors = failure.messages
            let fields = errors.keys.map { $0.rawValue }.sorted().joined(separator: ",")
            logger.info("Card form has errors", metadata: ["payment.id": "\(paymentId)", "fields": "\(fields)",
                                                         "card.last4": "\(form.typedLast4)"])
            let hidden = PaymentPage.Hidden(token: token, key: form.key, csrf: formToken.issue(paymentId: paymentId))
            let page = PaymentPage.render(payment: payment, hidden: hidden, kept: form.kept, errors: errors, merchantName: merchantName)
            return HTMLResponse.page(page, status: .unprocessableContent)
        }

        events.emit(.cardSubmitted(last4: checkout.card.last4), paymentId: paymentId)
        logger.info("Card submitted", metadata: ["payment.id": "\(paymentId)", "card.last4": "\(checkout.card.last4)",
                                                 "amount": "\(checkout.chargeAmount)", "currency": "\(payment.payment.currency)"])

        let (charge, replayed) = await processor.charge(paymentId: paymentId, amount: checkout.chargeAmount,
                                                        currency: payment.payment.currency, card: checkout.card,
                                                        reportedAmount: checkout.overrideAmount,
                                                        reportedLineItems: checkout.overrideLineItems)
        if replayed {
            logger.info("Processor already charged this payment; returning the first result", metadata: ["payment.id": "\(paymentId)"])
        } else {
            events.emit(.processorResult(outcome: charge.outcome, transactionId: charge.transactionId, message: charge.message), paymentId: paymentId)
            logger.info("Processor answered", metadata: ["payment.id": "\(paymentId)", "outcome": "\(charge.outcome.rawValue)",
                                                         "decision": "\(charge.decision.rawValue)", "card.last4": "\(charge.last4)"])
        }
        return await report(charge, token: token, key: form.key, paymentId: paymentId, repeated: replayed)
    }

    /// Step 7: tells the platform the processor's answer, and shows the result that counts.
    private func report(_ charge: FakeProcessor.Charge, token: String, key: String?, paymentId: String, repeated: Bool) async -> Response {
        let success = charge.outcome == .success
        let reply = PaymentReply(outcome: charge.outcome, transactionId: charge.transactionId, message: charge.message,
                                 amount: success ? charge.reportedAmount : nil,
                                 lineItems: success ? charge.reportedLineItems : nil)
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
            return HTMLResponse.page(ReportFailurePage.render(charge: charge, merchantName: merchantName), status: .badGateway)
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
