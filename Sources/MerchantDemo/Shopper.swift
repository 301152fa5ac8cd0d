import AsyncHTTPClient
import Foundation
import NIOCore
import PaymentCore

/// Plays the user as a browser with JavaScript off would, over real HTTP: opens the short link,
/// follows it to the Client's payment page, presses its button, lands on the processor's card
/// page, types a test card there, and follows the processor back to the Client's result page.
/// The demo's autopilot is this, and so are tests that need a user but not a browser.
public final class Shopper: Sendable {
    /// The card typed into the processor's page.
    public let card: String
    /// How long the "user" looks at the card page before paying.
    public let pause: Duration
    private let http: HTTPClient

    public init(card: String = "4242 4242 4242 4242", pause: Duration = .zero) {
        self.card = card
        self.pause = pause
        http = HTTPClient(eventLoopGroupProvider: .singleton,
                          configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
    }

    public func shutdown() async {
        // Shutting down a client whose requests all finished cannot fail in a way that matters here.
        try? await http.shutdown()
    }

    /// The page the user ended on.
    public struct Outcome: Sendable {
        /// Its address (it holds the payment token: do not log it).
        public let url: String
        public let status: Int
        public let html: String
    }

    /// Pays `payment` through its short link; throws a sentence saying what went wrong.
    public func pay(_ payment: PaymentMessage) async throws(ShopperError) -> Outcome {
        guard let link = payment.shortUrl ?? payment.paymentUrl else {
            throw .noLink
        }
        let page = try await follow(try await get(link), from: link)
        guard page.status == 200 else {
            throw .paymentPage(status: page.status)
        }
        let pageForm: PageForm
        do { pageForm = try PageForm(html: page.body) } catch { throw .unreadablePaymentPage(error.description) }
        let pageAction = Shopper.resolve(pageForm.action, against: page.url)
        let cardPage = try await follow(try await post(pageAction, fields: pageForm.hidden), from: pageAction)
        guard cardPage.status == 200, let cardForm = try? PageForm(html: cardPage.body) else {
            throw .cardPage(status: cardPage.status)
        }
        // A person reads the page and types; a cancelled pause only makes the user quicker.
        if pause > .zero { try? await Task.sleep(for: pause) }
        let fields = cardForm.hidden + [("name", "Ada Lovelace"), ("number", card), ("expiry", "12/34"), ("cvc", "123")]
        let cardAction = Shopper.resolve(cardForm.action, against: cardPage.url)
        let result = try await follow(try await post(cardAction, fields: fields), from: cardAction)
        guard result.status == 200 else {
            throw .resultPage(status: result.status)
        }
        return Outcome(url: result.url, status: result.status, html: result.body)
    }

    private struct Answer {
        var url: String
        var status: Int
        var location: String?
        var body: String
    }

    /// Follows up to five redirects, as a browser would, to the page they lead to.
    private func follow(_ first: Answer, from url: String) async throws(ShopperError) -> Answer {
        var answer = first
        for _ in 0..<5 {
            guard (300..<400).contains(answer.status), let location = answer.location else { return answer }
            answer = try await get(Shopper.resolve(location, against: answer.url))
        }
        throw .redirectLoop(origin: WebOrigin.of(url) ?? "the demo server")
    }

    private func get(_ url: String) async throws(ShopperError) -> Answer {
        try await execute(HTTPClientRequest(url: url))
    }

    private func post(_ url: String, fields: [(String, String)]) async throws(ShopperError) -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields)))
        return try await execute(request)
    }

    private func execute(_ request: HTTPClientRequest) async throws(ShopperError) -> Answer {
        do {
            let response = try await http.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 1 << 20)
            return Answer(url: request.url, status: Int(response.status.code), location: response.headers.first(name: "Location"),
                          body: String(buffer: body))
        } catch {
            throw .unreachable(origin: WebOrigin.of(request.url) ?? "the demo server")
        }
    }

    /// `path` (absolute, or relative to the page as `Location` headers may be) as a full URL.
    static func resolve(_ path: String, against page: String) -> String {
        guard let base = URL(string: page), let resolved = URL(string: path, relativeTo: base) else { return path }
        return resolved.absoluteString
    }
}

/// Why the shopper could not pay; its description is one sentence saying what to do.
public enum ShopperError: Error, Sendable, Equatable, CustomStringConvertible {
    case noLink
    case paymentPage(status: Int)
    /// The Client's page has no form the shopper can press (the parser's sentence).
    case unreadablePaymentPage(String)
    case cardPage(status: Int)
    case resultPage(status: Int)
    /// `origin` is scheme, host and port only: never the query, which may hold the payment token.
    case redirectLoop(origin: String)
    case unreachable(origin: String)

    public var description: String {
        switch self {
        case .noLink: "The payment has no link to open: create it again."
        case .paymentPage(let status): "The payment page answered \(status): check the reference Client's log."
        case .unreadablePaymentPage(let reason): reason
        case .cardPage(let status):
            "The processor's card page answered \(status): check the reference Client's and the processor's logs."
        case .resultPage(let status): "The result page answered \(status): check the reference Client's log."
        case .redirectLoop(let origin): "\(origin) redirected more than five times: check the reference Client's log."
        case .unreachable(let origin): "Could not reach \(origin): the demo's servers stopped; start them again."
        }
    }
}
