import Foundation
import NIOHTTP1
import PaymentCore
import Testing
import TestSupport
@testable import Sandbox

/// Rules of API.md that protect the platform: who may call what, how large and how broken a
/// body may be, and the limits on what a payment holds. Each refusal changes nothing.
@Suite("Security rules")
struct SecurityRulesTests {
    /// Every route served and the one role whose key may call it (nil: public, no key needed).
    static let roleOf: [String: APIKeyRole?] = [
        "POST /api/v1/messaging/conversations/{conversationId}/payment-requests": .agent,
        "GET /api/v1/messaging/conversations/{conversationId}/payment-requests": .agent,
        "GET /api/v1/payment-requests": .agent,
        "GET /api/v1/payment-requests/{id}": .agent,
        "POST /api/v1/payment-requests/{id}/cancel": .agent,
        "POST /api/v1/payment-requests/{id}/resend": .agent,
        "GET /api/v1/messaging/conversations/{conversationId}": .agent,
        "GET /api/v1/messaging/custom-interactions/{token}": .client,
        "POST /api/v1/messaging/custom-interactions/{token}/reply": .client,
        "GET /api/v1/payments/settings": .admin,
        "PUT /api/v1/payments/settings": .admin,
        "GET /p/{code}": nil,
        "GET /.well-known/jwks.json": nil,
        "GET /healthz": nil,
        "GET /api/v1/openapi.yaml": nil,
    ]

    /// Who calls: no key, a known identity with a wrong secret, or a role's real key.
    enum Caller: CustomStringConvertible, CaseIterable {
        case anonymous, wrongSecret, agent, client, admin
        var role: APIKeyRole? {
            switch self {
            case .agent: .agent
            case .client: .client
            case .admin: .admin
            case .anonymous, .wrongSecret: nil
            }
        }
        var description: String { "\(self.role?.rawValue ?? (self == .anonymous ? "no key" : "a wrong secret"))" }
    }

    @Test("the role matrix: every route against every caller is 401 without a valid key and 403 with another role's")
    func roleMatrix() async throws {
        try await withSandbox { sandbox in
            #expect(Set(sandbox.sandbox.routeNames) == Set(Self.roleOf.keys), "a route was added or removed: update the matrix")
            let payment = try await sandbox.create()
            let token = try #require(payment.token)
            let code = try #require(payment.shortUrl?.split(separator: "/").last.map(String.init))
            let agent = try #require(sandbox.credentials.agent)
            let paymentKey = sandbox.credentials.paymentKey
            let wrong = "Basic " + Data("\(agent.identity):not-the-secret".utf8).base64EncodedString()

            for (name, allowed) in Self.roleOf.sorted(by: { $0.key < $1.key }) {
                let parts = name.split(separator: " ", maxSplits: 1)
                let method = HTTPMethod(rawValue: String(parts[0]))
                let path = String(parts[1])
                    .replacingOccurrences(of: "{conversationId}", with: sandbox.conversationId)
                    .replacingOccurrences(of: "{id}", with: payment.id)
                    .replacingOccurrences(of: "{token}", with: token)
                    .replacingOccurrences(of: "{code}", with: code)
                for caller in Caller.allCases {
                    // Bodies that would be refused if they got past auth, so a call let through changes nothing.
                    let body: String? = method == .GET ? nil : "{}"
                    let reply = try await sandbox.send(method, path, as: caller.role,
                                                       authorization: caller == .wrongSecret ? wrong : nil, json: body)
                    let expected: Set<Int>
                    switch (allowed, caller.role) {
                    case (nil, _): expected = []  // public: never 401 nor 403
                    case (.some, nil): expected = [401]
                    case (.some(let needed), .some(let role)): expected = needed == role ? [] : [403]
                    }
                    if expected.isEmpty {
                        #expect(reply.status != 401 && reply.status != 403, "\(name) with \(caller): \(reply.status) \(reply.text)")
                    } else {
                        #expect(expected.contains(reply.status), "\(name) with \(caller): \(reply.status) \(reply.text)")
                        #expect(reply.error?.code == (reply.status == 401 ? "unauthorized" : "forbidden"), "\(name) with \(caller)")
                        if reply.status == 401 { #expect(reply.headers.first(name: "WWW-Authenticate") == "Basic realm=\"quiq\"") }
                    }
                }
            }
            // Only the calls let through acted: the Client's read opened the payment and the agent's
            // cancel ended it; the Client's empty reply was refused, so nothing was paid.
            let after = try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent).decode(PaymentMessage.self)
            #expect(after.events?.map(\.status) == [.pending, .opened, .cancelled])
            #expect(after.response == nil)
            #expect(sandbox.credentials.paymentKey == paymentKey)
        }
    }

    @Test("create refuses each field one past its limit with 422 naming it, and creates nothing")
    func createLimits() async throws {
        try await withSandbox { sandbox in
            let path = "/api/v1/messaging/conversations/\(sandbox.conversationId)/payment-requests"
            func item(name: String = "Widget", quantity: Int = 1, unitAmount: Int = 100) -> String {
                #"{"description":"Limits","currency":"USD","lineItems":[{"name":"\#(name)","quantity":\#(quantity),"unitAmount":\#(unitAmount)}]}"#
            }
            let over: [(String, String, String)] = [
                ("a 201-character item name", item(name: String(repeating: "n", count: 201)), "lineItems[0].name"),
                ("a quantity of 10,001", item(quantity: 10_001), "lineItems[0].quantity"),
                ("a unit amount of 100,000,000", item(unitAmount: 100_000_000), "lineItems[0].unitAmount"),
                ("a 501-character metadata value",
                 #"{"description":"Limits","currency":"USD","amount":1,"metadata":{"k":"\#(String(repeating: "v", count: 501))"}}"#, "metadata.k"),
            ]
            for (what, body, field) in over {
                let reply = try await sandbox.send(.POST, path, as: .agent, json: body)
                #expect(reply.status == 422, "\(what): \(reply.status)")
                #expect(reply.error?.code == "validation_failed", "\(what)")
                #expect(reply.error?.fields?.map(\.field).contains(field) == true, "\(what): \(reply.text)")
            }
            let longKey = String(repeating: "i", count: 256)
            let idempotent = try await sandbox.send(.POST, path, as: .agent, json: item(), headers: [("Idempotency-Key", longKey)])
            #expect(idempotent.status == 422)
            #expect(idempotent.error?.fields?.map(\.field) == ["Idempotency-Key"])
            #expect(try await sandbox.send(.GET, "/api/v1/payment-requests", as: .agent).decode(PaymentPage.self).items.isEmpty)

            // Each limit itself is accepted.
            let at: [String] = [
                item(name: String(repeating: "n", count: 200)), item(quantity: 10_000, unitAmount: 1),
                item(unitAmount: 99_999_999),
                #"{"description":"Limits","currency":"USD","amount":1,"metadata":{"k":"\#(String(repeating: "v", count: 500))"}}"#,
            ]
            for body in at { _ = try await sandbox.create(body) }
            _ = try await sandbox.create(item(), headers: [("Idempotency-Key", String(repeating: "i", count: 255))])
        }
    }

    @Test("the settings PUT takes a Payment Key of 16 to 256 characters only; a refused one still works as before")
    func paymentKeyLimits() async throws {
        try await withSandbox { sandbox in
            let original = sandbox.credentials.paymentKey
            for count in [15, 257] {
                let reply = try await sandbox.send(.PUT, "/api/v1/payments/settings", as: .admin,
                                                   json: #"{"paymentKey":"\#(String(repeating: "k", count: count))"}"#)
                #expect(reply.status == 422, "\(count) characters")
                #expect(reply.error?.fields?.map(\.field) == ["paymentKey"])
            }
            #expect(sandbox.credentials.paymentKey == original)
            let payment = try await sandbox.create()
            #expect(try await sandbox.reply(try #require(payment.token), #"{"outcome":"success"}"#, paymentKey: original).status == 200)
            for count in [16, 256] {
                let key = String(repeating: "k", count: count)
                let reply = try await sandbox.send(.PUT, "/api/v1/payments/settings", as: .admin, json: #"{"paymentKey":"\#(key)"}"#)
                #expect(reply.status == 200, "\(count) characters")
                #expect(sandbox.credentials.paymentKey == key)
            }
        }
    }

    @Test("reply and settings PUT: 413 over 64 KiB and 400 malformed_json, and neither changes anything")
    func badBodiesOnReplyAndSettings() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let token = try #require(payment.token)
            let replyPath = "/api/v1/messaging/custom-interactions/\(token)/reply"
            let key = [("X-Quiq-Payment-Key", sandbox.credentials.paymentKey)]
            let big = #"{"outcome":"success","message":""# + String(repeating: "a", count: 70_000) + #""}"#

            let tooLarge = try await sandbox.send(.POST, replyPath, as: .client, json: big, headers: key)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.error?.code == "body_too_large", "\(tooLarge.text)")
            let malformed = try await sandbox.send(.POST, replyPath, as: .client, json: #"{"outcome": "success", "#, headers: key)
            #expect(malformed.status == 400)
            #expect(malformed.error?.code == "malformed_json")
            let agentView = try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent).decode(PaymentMessage.self)
            #expect(agentView.status == .pending && agentView.response == nil)

            let settingsBefore = try await sandbox.send(.GET, "/api/v1/payments/settings", as: .admin).text
            let bigSettings = #"{"collectionUrl":"https://shop.example.com/"# + String(repeating: "p", count: 70_000) + #""}"#
            let settingsTooLarge = try await sandbox.send(.PUT, "/api/v1/payments/settings", as: .admin, json: bigSettings)
            #expect(settingsTooLarge.status == 413)
            #expect(settingsTooLarge.error?.code == "body_too_large")
            let settingsMalformed = try await sandbox.send(.PUT, "/api/v1/payments/settings", as: .admin, json: #"{"paymentKey": "#)
            #expect(settingsMalformed.status == 400)
            #expect(settingsMalformed.error?.code == "malformed_json")
            #expect(try await sandbox.send(.GET, "/api/v1/payments/settings", as: .admin).text == settingsBefore)
            // The Payment Key is unchanged: the payment still takes a reply with it.
            #expect(try await sandbox.reply(token, #"{"outcome":"success"}"#).status == 200)
        }
    }

    @Test("debug logs through a whole flow, failures included, hold no API secret, Payment Key, token or card number")
    func noSecretInLogs() async throws {
        let capture = LogCapture()
        let clock = ManualClock()
        var secrets: [String: String] = [:]
        try await withSandbox(clock: clock, logger: capture.logger(label: "sandbox")) { sandbox in
            for (role, key) in sandbox.credentials.keys { secrets["the \(role) secret"] = key.secret }
            secrets["the Payment Key"] = sandbox.credentials.paymentKey
            let card = "4242424242424242"
            secrets["a card number"] = card

            let paid = try await sandbox.create(headers: [("Idempotency-Key", "log-test-1")])
            _ = try await sandbox.create(headers: [("Idempotency-Key", "log-test-1")])  // replayed
            let paidToken = try #require(paid.token)
            secrets["a payment token"] = paidToken
            let respelled = try #require(TokenForge.otherSpelling(of: paidToken))
            secrets["a respelled token"] = respelled
            #expect(try await sandbox.clientRead(paidToken).status == 200)
            #expect(try await sandbox.clientRead(respelled).status == 200)
            #expect(try await sandbox.reply(paidToken, #"{"outcome":"success","transactionId":"tx-1"}"#).status == 200)
            #expect(try await sandbox.reply(respelled, #"{"outcome":"success","transactionId":"tx-1"}"#).status == 200)
            #expect(try await sandbox.reply(paidToken, #"{"outcome":"failure"}"#).status == 409)

            let locked = try await sandbox.create()
            let lockedToken = try #require(locked.token)
            secrets["a second token"] = lockedToken
            let wrongKey = "a-wrong-payment-key-of-some-length"
            secrets["a wrong Payment Key"] = wrongKey
            for _ in 0..<5 { _ = try await sandbox.reply(lockedToken, #"{"outcome":"success"}"#, paymentKey: wrongKey) }
            #expect(try await sandbox.reply(lockedToken, #"{"outcome":"success"}"#).status == 429)

            // Failures that carry secrets in what was sent: bodies, headers, paths.
            let agent = try #require(sandbox.credentials.agent)
            let nearlySecret = agent.secret + "x"
            secrets["a mistyped secret"] = nearlySecret
            let badAuth = "Basic " + Data("\(agent.identity):\(nearlySecret)".utf8).base64EncodedString()
            #expect(try await sandbox.send(.GET, "/api/v1/payment-requests", authorization: badAuth).status == 401)
            let path = "/api/v1/messaging/conversations/\(sandbox.conversationId)/payment-requests"
            #expect(try await sandbox.send(.POST, path, as: .agent, json: #"{"description":"\#(card) \#(agent.secret)", "#).status == 400)
            #expect(try await sandbox.send(.GET, "/api/v1/messaging/custom-interactions/\(paidToken)x", as: .client).status == 401)
            #expect(try await sandbox.send(.GET, "/api/v1/messaging/custom-interactions/\(paidToken)/nothing", as: .client).status == 404)
            #expect(try await sandbox.send(.GET, "/api/v1/messaging/custom-interactions/\(paidToken)", as: .agent).status == 403)
            #expect(try await sandbox.send(.DELETE, "/api/v1/messaging/custom-interactions/\(paidToken)", as: .client).status == 405)

            let newKey = "a-new-payment-key-for-the-log-test"
            secrets["the new Payment Key"] = newKey
            #expect(try await sandbox.send(.PUT, "/api/v1/payments/settings", as: .admin, json: #"{"paymentKey":"short"}"#).status == 422)
            #expect(try await sandbox.send(.PUT, "/api/v1/payments/settings", as: .admin, json: #"{"paymentKey":"\#(newKey)"}"#).status == 200)
            #expect(try await sandbox.send(.GET, "/api/v1/payments/settings", as: .admin).status == 200)

            let expiring = try await sandbox.create()
            let expiringToken = try #require(expiring.token)
            secrets["a token that expires"] = expiringToken
            let cancelled = try await sandbox.create()
            let cancelledToken = try #require(cancelled.token)
            secrets["a cancelled payment's token"] = cancelledToken
            #expect(try await sandbox.send(.POST, "/api/v1/payment-requests/\(cancelled.id)/cancel", as: .agent).status == 200)
            #expect(try await sandbox.reply(cancelledToken, #"{"outcome":"success"}"#, paymentKey: newKey).status == 410)
            let code = try #require(expiring.shortUrl?.split(separator: "/").last.map(String.init))
            #expect(try await sandbox.send(.GET, "/p/\(code)").status == 302)
            clock.advance(seconds: 90_000)
            #expect(try await sandbox.clientRead(expiringToken).status == 410)
        }
        let lines = capture.all
        #expect(lines.count > 20, "the capture saw the flow: \(lines.count) lines")
        // The capture saw the requests, with their paths redacted.
        #expect(lines.contains { $0.contains("POST /api/v1/messaging/custom-interactions/{token}/reply 409") }, "\(lines.suffix(5))")
        for (what, secret) in secrets.sorted(by: { $0.key < $1.key }) {
            let leaks = lines.filter { $0.contains(secret) }
            #expect(leaks.isEmpty, "\(what) is in the log: \(leaks.prefix(3))")
        }
    }
}
