import AsyncHTTPClient
import ConsoleUI
import Foundation
import MerchantDemo
import NIOCore
import PaymentCore

/// Plays the user of the demo, as a browser would: opens the short link, follows the redirect
/// to the Payment Collection page, reads its form, pauses as a person typing would, then posts
/// a test card. Everything it does goes over real HTTP, so every step the handshake screen
/// lights is a real happening in the platform or the Client.
final class Autopilot: Sendable {
    /// The card typed: approved, or declined for `--decline`.
    let card: String
    /// How long the "user" looks at the page before paying.
    let pause: Duration
    private let http: HTTPClient

    init(decline: Bool, pause: Duration) {
        card = decline ? "4000 0000 0000 0002" : "4242 4242 4242 4242"
        self.pause = pause
        http = HTTPClient(eventLoopGroupProvider: .singleton,
                          configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
    }

    func shutdown() async { try? await http.shutdown() }

    /// Pays `payment` through its short link; throws a sentence saying what went wrong.
    func pay(_ payment: PaymentMessage) async throws(AutopilotError) {
        guard let shortURL = payment.shortUrl ?? payment.paymentUrl else {
            throw .noLink
        }
        let redirect = try await get(shortURL)
        guard let location = redirect.location, (300..<400).contains(redirect.status) else {
            throw .shortLink(status: redirect.status)
        }
        let page = try await get(location)
        guard page.status == 200 else {
            throw .page(status: page.status)
        }
        let form: PageForm
        do { form = try PageForm(html: page.body) } catch { throw .form(error.description) }
        do { try await Task.sleep(for: pause) } catch { throw .stopped }
        let fields = form.hidden + [("name", "Ada Lovelace"), ("number", card), ("expiry", "12/34"), ("cvc", "123")]
        let posted = try await post(Autopilot.resolve(form.action, against: location), fields: fields)
        guard (300..<400).contains(posted.status), let result = posted.location else {
            throw .cardForm(status: posted.status)
        }
        _ = try await get(Autopilot.resolve(result, against: location))
    }

    struct Answer {
        var status: Int
        var location: String?
        var body: String
    }

    private func get(_ url: String) async throws(AutopilotError) -> Answer {
        try await execute(HTTPClientRequest(url: url))
    }

    private func post(_ url: String, fields: [(String, String)]) async throws(AutopilotError) -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: body))
        return try await execute(request)
    }

    private func execute(_ request: HTTPClientRequest) async throws(AutopilotError) -> Answer {
        do {
            let response = try await http.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            return Answer(status: Int(response.status.code), location: response.headers.first(name: "Location"),
                          body: String(buffer: body))
        } catch {
            throw .unreachable(Autopilot.hostOnly(request.url))
        }
    }

    /// `path` (absolute, or relative to the page as `Location` headers may be) as a full URL.
    static func resolve(_ path: String, against page: String) -> String {
        guard let base = URL(string: page), let resolved = URL(string: path, relativeTo: base) else { return path }
        return resolved.absoluteString
    }

    /// Scheme, host and port of `url`: never the query, which holds the payment token.
    static func hostOnly(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "the demo server" }
        return "\(components.scheme ?? "http")://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}

/// Why the autopilot could not play the user, as one sentence saying what to do.
enum AutopilotError: Error, Hashable, Sendable, CustomStringConvertible {
    case noLink
    case shortLink(status: Int)
    case page(status: Int)
    case form(String)
    case cardForm(status: Int)
    case unreachable(String)
    /// The console quit while the user was "looking at the page".
    case stopped

    var description: String {
        switch self {
        case .noLink: "The payment has no link to open: create it again with n."
        case .shortLink(let status): "The short link answered \(status) instead of a redirect: check the sandbox log."
        case .page(let status): "The payment page answered \(status): check the reference Client's log."
        case .form(let reason): reason
        case .cardForm(let status): "The card form answered \(status): check the reference Client's log."
        case .unreachable(let host): "Could not reach \(host): the demo's servers stopped; run quiqpay demo again."
        case .stopped: "The demo stopped before the user paid."
        }
    }
}
