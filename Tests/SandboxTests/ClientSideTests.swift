import Foundation
import PaymentCore
import Testing
@testable import Sandbox

@Suite("Client side")
struct ClientSideTests {
    @Test("the first Client read opens the payment and hides the agent-only fields")
    func firstReadOpens() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let token = try #require(payment.token)
            let read = try await sandbox.clientRead(token)
            #expect(read.status == 200)
            let message = try read.decode(PaymentMessage.self)
            #expect(message.status == .opened)
            #expect(message.token == nil && message.paymentUrl == nil && message.shortUrl == nil && message.events == nil)
            #expect(read.json.keys.contains("response"))  // written as null until replied
            #expect(message.key == "order-1042")
            #expect(try await sandbox.clientRead(token).decode(PaymentMessage.self).status == .opened)
            let agentView = try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent).decode(PaymentMessage.self)
            #expect(agentView.events?.map(\.status) == [.pending, .opened])
        }
    }

    @Test("a Client polling an unchanged payment sees a reply, a cancel or an expiry on its very next read")
    func pollingSeesChanges() async throws {
        try await withSandbox { sandbox in
            let paid = try await sandbox.create()
            let paidToken = try #require(paid.token)
            let cancelled = try await sandbox.create()
            let cancelledToken = try #require(cancelled.token)
            let expiring = try await sandbox.create(#"{"description":"Slow","currency":"USD","amount":500,"expiresInSeconds":60}"#)
            let expiringToken = try #require(expiring.token)
            for token in [paidToken, cancelledToken, expiringToken] {
                for _ in 0..<3 { #expect(try await sandbox.clientRead(token).decode(PaymentMessage.self).status == .opened) }
            }
            let etag = try #require(try await sandbox.clientRead(paidToken).headers["etag"].first)

            #expect(try await sandbox.reply(paidToken, #"{"outcome":"success","transactionId":"tx-9"}"#).status == 200)
            let afterReply = try await sandbox.send(.GET, "/api/v1/messaging/custom-interactions/\(paidToken)", as: .client,
                                                    headers: [("If-None-Match", etag)])
            #expect(afterReply.status == 200)
            #expect(try afterReply.decode(PaymentMessage.self).status == .paid)

            #expect(try await sandbox.send(.POST, "/api/v1/payment-requests/\(cancelled.id)/cancel", as: .agent).status == 200)
            let afterCancel = try await sandbox.clientRead(cancelledToken).decode(PaymentMessage.self)
            #expect(afterCancel.status == .cancelled && !afterCancel.active)

            sandbox.clock.advance(seconds: 60)
            #expect(try await sandbox.clientRead(expiringToken).status == 410)
        }
    }

    @Test("a success reply pays, tells the conversation, replays identically with 200 and refuses others with 409")
    func replySemantics() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let token = try #require(payment.token)
            let body = #"{"outcome":"success","transactionId":"ch_1","message":"ok"}"#
            let paid = try await sandbox.reply(token, body)
            #expect(paid.status == 200)
            let message = try paid.decode(PaymentMessage.self)
            #expect(message.status == .paid && !message.active)
            #expect(message.response?.amount == 12_550)
            #expect(message.response?.transactionId == "ch_1")
            #expect(message.replayed == nil)
            #expect(try await sandbox.transcript().messages.last?.text == "Payment received: $125.50")

            let replay = try await sandbox.reply(token, body)
            #expect(replay.status == 200)
            #expect(try replay.decode(PaymentMessage.self).replayed == true)

            let other = try await sandbox.reply(token, #"{"outcome":"failure","message":"card declined"}"#)
            #expect(other.status == 409)
            #expect(other.error?.code == "already_replied")
            #expect(other.error?.response?.outcome == .success)
            #expect(other.error?.response?.transactionId == "ch_1")
            let outcomes = try await sandbox.transcript().messages.filter { $0.text.hasPrefix("Payment ") && $0.author == .system }
            #expect(outcomes.count == 1)
        }
    }

    @Test("a failure reply with overrides records them and posts the reason")
    func failureWithOverride() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create(#"{"description":"Tip jar","currency":"KWD","amount":1000}"#)
            let token = try #require(payment.token)
            let invalid = try await sandbox.reply(token, #"{"outcome":"failure","amount":0}"#)
            #expect(invalid.status == 422)
            #expect(invalid.error?.fields?.first?.field == "amount")
            let badOutcome = try await sandbox.reply(token, #"{"outcome":"maybe"}"#)
            #expect(badOutcome.status == 422)
            let failed = try await sandbox.reply(token, #"{"outcome":"failure","message":"card declined","amount":1500}"#)
            #expect(failed.status == 200)
            let message = try failed.decode(PaymentMessage.self)
            #expect(message.status == .failed)
            #expect(message.response?.amount == 1500)
            #expect(try await sandbox.transcript().messages.last?.text == "Payment failed: card declined")
        }
    }

    @Test("a wrong Payment Key is 403 and changes nothing; the 6th try after 5 wrong ones is 429, for that payment only")
    func paymentKeyLockout() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let other = try await sandbox.create()
            let token = try #require(payment.token)
            let missing = try await sandbox.send(.POST, "/api/v1/messaging/custom-interactions/\(token)/reply", as: .client,
                                                 json: #"{"outcome":"success"}"#)
            #expect(missing.status == 403)
            #expect(missing.error?.code == "payment_key_mismatch")
            for _ in 0..<4 {
                let wrong = try await sandbox.reply(token, #"{"outcome":"success"}"#, paymentKey: "not-the-payment-key-at-all")
                #expect(wrong.status == 403)
                #expect(!wrong.text.contains(sandbox.credentials.paymentKey))
            }
            #expect(try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent)
                .decode(PaymentMessage.self).status == .pending)
            let locked = try await sandbox.reply(token, #"{"outcome":"success"}"#)
            #expect(locked.status == 429)
            #expect(locked.headers.first(name: "Retry-After") == "900")
            let otherToken = try #require(other.token)
            #expect(try await sandbox.reply(otherToken, #"{"outcome":"success"}"#).status == 200)
            sandbox.clock.advance(seconds: 15 * 60 + 1)
            #expect(try await sandbox.reply(token, #"{"outcome":"success"}"#).status == 200)
        }
    }

    @Test("the lockout counts wrong keys per payment, whatever spelling of its token is used")
    func lockoutAcrossSpellings() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let token = try #require(payment.token)
            let respelled = try #require(TokenForge.otherSpelling(of: token))
            #expect(respelled != token)
            #expect(try await sandbox.clientRead(respelled).status == 200)  // still a valid token
            for spelling in [token, respelled, token, respelled, respelled] {
                #expect(try await sandbox.reply(spelling, #"{"outcome":"success"}"#, paymentKey: "wrong-key-wrong-key").status == 403)
            }
            #expect(try await sandbox.reply(token, #"{"outcome":"success"}"#).status == 429)
            #expect(try await sandbox.reply(respelled, #"{"outcome":"success"}"#).status == 429)
        }
    }

    @Test("50 concurrent different replies to one token: exactly one outcome is recorded")
    func concurrentReplies() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let token = try #require(payment.token)
            let statuses = try await withThrowingTaskGroup(of: (Int, Bool?).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let outcome = index.isMultiple(of: 2) ? "success" : "failure"
                        let reply = try await sandbox.reply(token, #"{"outcome":"\#(outcome)","transactionId":"tx-\#(index)"}"#)
                        return (reply.status, reply.status == 200 ? try reply.decode(PaymentMessage.self).replayed : nil)
                    }
                }
                var all: [(Int, Bool?)] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(statuses.filter { $0.0 == 200 }.count == 1)
            #expect(statuses.filter { $0.0 == 409 }.count == 49)
            let final = try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent).decode(PaymentMessage.self)
            #expect(final.events?.filter { $0.status.isTerminal }.count == 1)
            let outcomes = try await sandbox.transcript().messages.filter { $0.author == .system && $0.paymentId == payment.id }
            #expect(outcomes.count == 1)
        }
    }

    @Test("settings: admin reads and changes them; the Payment Key is never returned; bad values are 422")
    func settings() async throws {
        try await withSandbox { sandbox in
            let read = try await sandbox.send(.GET, "/api/v1/payments/settings", as: .admin)
            #expect(read.status == 200)
            let settings = try read.decode(PaymentSettings.self)
            #expect(settings.paymentKeySet && settings.defaultTtlSeconds == 86_400)
            #expect(!read.text.contains(sandbox.credentials.paymentKey))
            let bad = try await sandbox.send(.PUT, "/api/v1/payments/settings", as: .admin,
                                             json: #"{"collectionUrl":"http://shop.example.com/pay","paymentKey":"short"}"#)
            #expect(bad.status == 422)
            #expect(Set(bad.error?.fields?.map(\.field) ?? []) == ["collectionUrl", "paymentKey"])
            let newKey = "a-brand-new-payment-key-0123456789"
            let updated = try await sandbox.send(.PUT, "/api/v1/payments/settings", as: .admin,
                                                 json: #"{"collectionUrl":"https://shop.example.com/pay","paymentKey":"\#(newKey)"}"#)
            #expect(updated.status == 200)
            #expect(!updated.text.contains(newKey))
            #expect(try updated.decode(PaymentSettings.self).collectionUrl == "https://shop.example.com/pay")
            let payment = try await sandbox.create()
            let token = try #require(payment.token)
            #expect(try await sandbox.reply(token, #"{"outcome":"success"}"#, paymentKey: "old-key-is-not-this-one").status == 403)
            #expect(try await sandbox.reply(token, #"{"outcome":"success"}"#, paymentKey: newKey).status == 200)
            #expect(sandbox.credentials.paymentKey == newKey)
        }
    }

    @Test("public endpoints: healthz, jwks whose key verifies a real token offline, no secrets")
    func publicEndpoints() async throws {
        try await withSandbox { sandbox in
            let health = try await sandbox.send(.GET, "/healthz")
            #expect(health.status == 200 && health.json["status"] as? String == "ok")
            let payment = try await sandbox.create()
            let token = try #require(payment.token)
            let jwks = try await sandbox.send(.GET, "/.well-known/jwks.json")
            let key = try #require((jwks.json["keys"] as? [[String: Any]])?.first)
            #expect(key["d"] == nil)
            #expect(try TokenForge.verifiesOffline(token, jwk: key))
        }
    }
}
