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
            throw ShopperError("The payment has no link to open: create it again.")
        }
        let page = try await follow(try await get(link), from: link)
        guard page.status == 200 else {
            throw ShopperError("The payment page answered \(page.status): check the reference Client's log.")
        }
        let pageForm: PageForm
        do { pageForm = try PageForm(html: page.body) } catch { throw ShopperError(error.description) }
        let pageAction = Shopper.resolve(pageForm.action, against: page.url)
        let cardPage = try await follow(try await post(pageAction, fields: pageForm.hidden), from: pageAction)
        guard cardPage.status == 200, let cardForm = try? PageForm(html: cardPage.body) else {
            throw ShopperError("The processor's card page answered \(cardPage.status): check the reference Client's and the processor's logs.")
        }
        // A person reads the page and types; a cancelled pause only makes the user quicker.
        if pause > .zero { try? await Task.sleep(for: pause) }
        let fields = cardForm.hidden + [("name", "Ada Lovelace"), ("number", card), ("expiry", "12/34"), ("cvc", "123")]
        let cardAction = Shopper.resolve(cardForm.action, against: cardPage.url)
        let result = try await follow(try await post(cardAction, fields: fields), from: cardAction)
        guard result.status == 200 else {
            throw ShopperError("The result page answered \(result.status): check the reference Client's log.")
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
        throw ShopperError("\(Shopper.hostOnly(url)) redirected more than five times: check the reference Client's log.")
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
            throw ShopperError("Could not reach \(Shopper.hostOnly(request.url)): the demo's servers stopped; start them again.")
        }
    }

    /// `path` (absolute, or relative to the page as `Location` headers may be) as a full URL.
    static func resolve(_ path: String, against page: String) -> String {
        guard let base = URL(string: page), let resolved = URL(string: path, relativeTo: base) else { return path }
        return resolved.absoluteString
    }

    /// Scheme, host and port of `url`: never the query, which may hold the payment token.
    static func hostOnly(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "the demo server" }
        return "\(components.scheme ?? "http")://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}

/// Why the shopper could not pay, as one sentence saying what to do.
public struct ShopperError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
