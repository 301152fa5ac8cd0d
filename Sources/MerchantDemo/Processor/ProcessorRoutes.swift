import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The processor's routes: the hosted card page (`GET`/`POST /hosted/card`, the browser's
/// side) and the charge API (`POST /v1/charges`, the Client back end's side, secret key only).
struct ProcessorRoutes: Sendable {
    static let name = "Test Card Processor"
    static let cardPath = "/hosted/card"
    static let chargePath = "/v1/charges"
    static let stylesheetPath = "/hosted/style.css"
    /// A card form or a charge is a few hundred bytes.
    static let maximumBodyBytes = 16 * 1024

    let publishableKey: String
    let secretKey: Redacted
    let ledger: ProcessorLedger
    let formToken: FormToken
    let events: EventBroadcaster
    let logger: Logger
    let now: @Sendable () -> Date

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: ProcessorRoutes.cardPath)) { request, _ in showCardPage(request) }
        router.post(RouterPath(stringLiteral: ProcessorRoutes.cardPath)) { request, _ in await takeCard(request) }
        router.post(RouterPath(stringLiteral: ProcessorRoutes.chargePath)) { request, _ in await charge(request) }
        router.get(RouterPath(stringLiteral: ProcessorRoutes.stylesheetPath)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
    }

    // MARK: - Step 5: the card page

    func showCardPage(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        switch CardEntry.parse(key: query.get("key"), payment: query.get("payment"), amount: query.get("amount"),
                               currency: query.get("currency"), returnURL: query.get("return"), expectedKey: publishableKey) {
        case .failure(let error):
            return refuse(error)
        case .success(let entry):
            logger.info("Card page served", metadata: ["payment.id": "\(entry.paymentId)", "amount": "\(entry.amount)", "currency": "\(entry.currency)"])
            return page(CardPage.render(entry: entry, csrf: formToken.issue(paymentId: entry.binding)), entry: entry)
        }
    }

    func takeCard(_ request: Request) async -> Response {
        let form: CardForm
        do {
            let buffer = try await request.body.collect(upTo: ProcessorRoutes.maximumBodyBytes)
            form = try URLEncodedFormDecoder().decode(CardForm.self, from: String(buffer: buffer))
        } catch {
            return refuse(.foreignForm)
        }
        let entry: CardEntry
        switch CardEntry.parse(key: form.key, payment: form.payment, amount: form.amount, currency: form.currency,
                               returnURL: form.return, expectedKey: publishableKey) {
        case .failure(let error): return refuse(error)
        case .success(let parsed): entry = parsed
        }
        guard let csrf = form.csrf, formToken.isValid(csrf, paymentId: entry.binding) else { return refuse(.foreignForm) }
        switch CardValidation.validate(form, now: now()) {
        case .failure(let failure):
            let fields = failure.messages.keys.sorted().joined(separator: ",")
            logger.info("Card form has errors", metadata: ["payment.id": "\(entry.paymentId)", "fields": "\(fields)", "card.last4": "\(form.typedLast4)"])
            let html = CardPage.render(entry: entry, csrf: formToken.issue(paymentId: entry.binding), kept: form.kept, errors: failure.messages)
            return page(html, entry: entry, status: .unprocessableContent)
        case .success(let card):
            let method = await ledger.mint(paymentId: entry.paymentId, amount: entry.amount, currency: entry.currency, card: card)
            events.emit(.cardSubmitted(last4: card.last4), paymentId: entry.paymentId)
            logger.info("Card entered; payment method issued", metadata: ["payment.id": "\(entry.paymentId)", "card.brand": "\(method.brand)",
                                                                          "card.last4": "\(method.last4)"])
            let separator = entry.returnURL.contains("?") ? "&" : "?"
            var response = HTMLResponse.redirect(to: entry.returnURL + separator + FormEncoding.encode([("pm", method.id)]))
            response.headers[.contentSecurityPolicy] = SecurityHeadersMiddleware<BasicRequestContext>.policy(formAction: [entry.returnOrigin])
            return response
        }
    }

    private func page(_ html: HTML, entry: CardEntry, status: HTTPResponse.Status = .ok) -> Response {
        var response = HTMLResponse.page(html, status: status)
        // The form posts here, and the answer sends the browser back to the Client: both origins, nothing else.
        response.headers[.contentSecurityPolicy] = SecurityHeadersMiddleware<BasicRequestContext>.policy(formAction: [entry.returnOrigin])
        return response
    }

    private func refuse(_ error: CardEntryError) -> Response {
        logger.notice("Card page refused", metadata: ["reason": "\(error)"])
        return HTMLResponse.page(CardPage.refusal(error), status: error == .unknownKey ? .forbidden : .badRequest)
    }

    // MARK: - Step 6: the charge API

    struct ChargeBody: Decodable {
        var paymentMethod: String
        var paymentId: String
        var amount: Int64
        var currency: String
    }

    struct ErrorBody: Codable, Sendable {
        struct Detail: Codable, Sendable {
            var code: String
            var message: String
        }
        var error: Detail
    }

    func charge(_ request: Request) async -> Response {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
              CheckoutRoutes.sameKey(String(authorization.dropFirst(7)), secretKey.value) else {
            return json(.unauthorized, ErrorBody(error: .init(code: "unauthorized", message: "Send the processor's secret key as a Bearer token.")))
        }
        guard let headerName = HTTPField.Name("Idempotency-Key"), let key = request.headers[headerName], (1...255).contains(key.count) else {
            return json(.badRequest, ErrorBody(error: .init(code: "idempotency_key_required", message: "Send an Idempotency-Key header of 1 to 255 characters.")))
        }
        let body: ChargeBody
        do {
            let buffer = try await request.body.collect(upTo: ProcessorRoutes.maximumBodyBytes)
            body = try JSONDecoder().decode(ChargeBody.self, from: Data(buffer.readableBytesView))
        } catch {
            return json(.badRequest, ErrorBody(error: .init(code: "invalid_request", message: "Send paymentMethod, paymentId, amount and currency as JSON.")))
        }
        let result = await ledger.charge(ChargeRequest(paymentMethod: body.paymentMethod, paymentId: body.paymentId, amount: body.amount,
                                                       currency: body.currency, idempotencyKey: key))
        switch result {
        case .failure(let refusal):
            logger.notice("Charge refused", metadata: ["payment.id": "\(body.paymentId)", "reason": "\(refusal.code)"])
            let status: HTTPResponse.Status = switch refusal {
            case .unknownToken: .notFound
            case .tokenUsed: .conflict
            case .tokenExpired: .gone
            case .tokenMismatch: .unprocessableContent
            }
            return json(status, ErrorBody(error: .init(code: refusal.code, message: refusal.message)))
        case .success(let (charge, replayed)):
            logger.info(replayed ? "Charge replayed for a known idempotency key" : "Charge decided",
                        metadata: ["payment.id": "\(charge.paymentId)", "decision": "\(charge.decision.rawValue)", "card.last4": "\(charge.last4)"])
            var response = json(charge.decision == ChargeDecision.timeout ? .gatewayTimeout : .ok, charge)
            if replayed, let name = HTTPField.Name("Idempotent-Replayed") { response.headers[name] = "true" }
            return response
        }
    }

    private func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)  // Encoding these plain structs cannot fail.
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
