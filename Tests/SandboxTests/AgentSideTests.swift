import Foundation
import GRDB
import PaymentCore
import Testing
@testable import Sandbox

@Suite("Agent side")
struct AgentSideTests {
    @Test("create answers 201 with token and links, and posts the short link into the conversation")
    func createPostsLink() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            #expect(payment.status == .pending && payment.active)
            #expect(payment.payment.amount == 12_550)
            #expect(payment.payment.lineItems.count == 2)
            #expect(payment.key == "order-1042")
            let token = try #require(payment.token)
            #expect(payment.paymentUrl == sandbox.credentials.collectionUrl + "?token=\(token)&key=order-1042")
            let shortUrl = try #require(payment.shortUrl)
            #expect(shortUrl.hasPrefix(sandbox.sandbox.baseURL + "/p/"))
            #expect(shortUrl.count - (sandbox.sandbox.baseURL + "/p/").count >= 8)
            #expect(payment.events?.map(\.status) == [.pending])
            let transcript = try await sandbox.transcript()
            let posted = try #require(transcript.messages.last)
            #expect(posted.text.contains(shortUrl))
            #expect(posted.text.contains("$125.50"))
            #expect(posted.paymentId == payment.id)
            // The demo conversation was seeded with a user and an agent message.
            #expect(transcript.messages.first?.author == .user)
        }
    }

    @Test("a payment names the agent key that created it by identity, never by secret, to the agent side only")
    func agentKeyId() async throws {
        try await withSandbox { sandbox in
            let agent = try #require(sandbox.credentials.agent)
            let payment = try await sandbox.create()
            #expect(payment.agentKeyId == agent.identity)
            let listed = try await sandbox.send(.GET, "/api/v1/payment-requests?status=pending", as: .agent)
            #expect(listed.text.contains(agent.identity) && !listed.text.contains(agent.secret))
            let read = try await sandbox.clientRead(try #require(payment.token))
            #expect(!read.text.contains("agentKeyId"))
        }
    }

    @Test("any lower-case UUID conversation is created on first use")
    func newConversation() async throws {
        try await withSandbox { sandbox in
            let conversation = "5b0c6a3e-1f2d-4c5b-8a9e-0123456789ab"
            #expect(try await sandbox.transcript(conversation).messages.isEmpty)
            let payment = try await sandbox.create(conversation: conversation)
            #expect(payment.conversationId == conversation)
            #expect(try await sandbox.transcript(conversation).messages.count == 1)
            let list = try await sandbox.send(.GET, "/api/v1/messaging/conversations/\(conversation)/payment-requests", as: .agent)
            #expect(try list.decode(PaymentPage.self).items.map(\.id) == [payment.id])
            let upper = try await sandbox.send(.POST, "/api/v1/messaging/conversations/\(conversation.uppercased())/payment-requests",
                                               as: .agent, json: Harness.depositJSON)
            #expect(upper.status == 404)
        }
    }

    @Test("401 without or with wrong Basic auth, with WWW-Authenticate")
    func unauthorized() async throws {
        try await withSandbox { sandbox in
            let none = try await sandbox.send(.GET, "/api/v1/payment-requests")
            #expect(none.status == 401)
            #expect(none.headers.first(name: "WWW-Authenticate") == "Basic realm=\"quiq\"")
            #expect(none.error?.code == "unauthorized")
            let agent = try #require(sandbox.credentials.agent)
            let wrong = "Basic " + Data("\(agent.identity):\(agent.secret)x".utf8).base64EncodedString()
            let refused = try await sandbox.send(.GET, "/api/v1/payment-requests", authorization: wrong)
            #expect(refused.status == 401)
            #expect(!refused.text.contains(agent.secret))
            let garbage = try await sandbox.send(.GET, "/api/v1/payment-requests", authorization: "Basic !!!")
            #expect(garbage.status == 401)
        }
    }

    @Test("403 for a key used outside its role")
    func forbidden() async throws {
        try await withSandbox { sandbox in
            #expect(try await sandbox.send(.GET, "/api/v1/payment-requests", as: .client).status == 403)
            #expect(try await sandbox.send(.GET, "/api/v1/payments/settings", as: .agent).status == 403)
            let payment = try await sandbox.create()
            let token = try #require(payment.token)
            let asAgent = try await sandbox.send(.GET, "/api/v1/messaging/custom-interactions/\(token)", as: .agent)
            #expect(asAgent.status == 403)
            #expect(asAgent.error?.code == "forbidden")
        }
    }

    @Test("404 for unknown payments, conversations, short links and paths")
    func notFound() async throws {
        try await withSandbox { sandbox in
            #expect(try await sandbox.send(.GET, "/api/v1/payment-requests/\(UUID().uuidString.lowercased())", as: .agent).status == 404)
            #expect(try await sandbox.send(.GET, "/api/v1/payment-requests/not-a-uuid", as: .agent).status == 404)
            #expect(try await sandbox.send(.GET, "/api/v1/messaging/conversations/nope", as: .agent).status == 404)
            let link = try await sandbox.send(.GET, "/p/Zz9Zz9Zz9Z")
            #expect(link.status == 404)
            #expect(link.error?.code == "not_found")
            let unknown = try await sandbox.send(.GET, "/api/v1/nothing-here", as: .agent)
            #expect(unknown.status == 404)
            #expect(unknown.error?.code == "not_found")
        }
    }

    @Test("400 for malformed JSON, 413 over 64 KiB, 422 naming each broken field; none of them creates anything")
    func badBodies() async throws {
        try await withSandbox { sandbox in
            let path = "/api/v1/messaging/conversations/\(sandbox.conversationId)/payment-requests"
            let malformed = try await sandbox.send(.POST, path, as: .agent, json: #"{"description": "x", "#)
            #expect(malformed.status == 400)
            #expect(malformed.error?.code == "malformed_json")
            let big = "{\"description\":\"" + String(repeating: "a", count: 70_000) + "\",\"currency\":\"USD\",\"amount\":1}"
            #expect(try await sandbox.send(.POST, path, as: .agent, json: big).status == 413)
            let invalid = try await sandbox.send(.POST, path, as: .agent, json: """
                {"description":"","currency":"usd","lineItems":[{"name":"A","quantity":0,"unitAmount":5}],"expiresInSeconds":5}
                """)
            #expect(invalid.status == 422)
            let fields = Set(invalid.error?.fields?.map(\.field) ?? [])
            #expect(fields.isSuperset(of: ["description", "currency", "lineItems[0].quantity", "expiresInSeconds"]))
            let wrongType = try await sandbox.send(.POST, path, as: .agent, json: #"{"description":"x","currency":"USD","amount":"12"}"#)
            #expect(wrongType.status == 422)
            #expect(wrongType.error?.fields?.first?.field == "amount")
            let list = try await sandbox.send(.GET, "/api/v1/payment-requests", as: .agent)
            #expect(try list.decode(PaymentPage.self).items.isEmpty)
            #expect(try await sandbox.transcript().messages.count == 2)
        }
    }

    @Test("409 not_configured while no collection URL is set")
    func notConfigured() async throws {
        try await withSandbox { sandbox in
            try await sandbox.sandbox.api.store.writer.write { db in
                try db.execute(sql: "DELETE FROM setting WHERE name = 'collection_url'")
            }
            let path = "/api/v1/messaging/conversations/\(sandbox.conversationId)/payment-requests"
            let reply = try await sandbox.send(.POST, path, as: .agent, json: Harness.depositJSON)
            #expect(reply.status == 409)
            #expect(reply.error?.code == "not_configured")
            try await sandbox.sandbox.setCollectionURL("https://pay.example.com/checkout")
            let payment = try await sandbox.create()
            #expect(payment.paymentUrl?.hasPrefix("https://pay.example.com/checkout?token=") == true)
            #expect(sandbox.credentials.collectionUrl == "https://pay.example.com/checkout")
        }
    }

    @Test("GET /p/{code} redirects with 302 to the payment URL")
    func shortLink() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let shortUrl = try #require(payment.shortUrl)
            let path = String(shortUrl.dropFirst(sandbox.sandbox.baseURL.count))
            let reply = try await sandbox.send(.GET, path)
            #expect(reply.status == 302)
            #expect(reply.headers.first(name: "Location") == payment.paymentUrl)
        }
    }

    @Test("ETag and If-None-Match give 304 until the payment changes")
    func etags() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let path = "/api/v1/payment-requests/\(payment.id)"
            let first = try await sandbox.send(.GET, path, as: .agent)
            #expect(first.status == 200)
            let etag = try #require(first.headers.first(name: "ETag"))
            let again = try await sandbox.send(.GET, path, as: .agent, headers: [("If-None-Match", etag)])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            let token = try #require(payment.token)
            #expect(try await sandbox.clientRead(token).status == 200)  // opens it: the agent's view changes
            let changed = try await sandbox.send(.GET, path, as: .agent, headers: [("If-None-Match", etag)])
            #expect(changed.status == 200)
            #expect(try changed.decode(PaymentMessage.self).status == .opened)

            let clientFirst = try await sandbox.clientRead(token)
            let clientTag = try #require(clientFirst.headers.first(name: "ETag"))
            #expect(try await sandbox.clientRead(token, headers: [("If-None-Match", clientTag)]).status == 304)
        }
    }

    @Test("cancel answers 200 then 409 not_active, records the event and tells the conversation")
    func cancel() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let cancelled = try await sandbox.send(.POST, "/api/v1/payment-requests/\(payment.id)/cancel", as: .agent)
            #expect(cancelled.status == 200)
            let message = try cancelled.decode(PaymentMessage.self)
            #expect(message.status == .cancelled && !message.active)
            #expect(message.events?.map(\.status) == [.pending, .cancelled])
            let again = try await sandbox.send(.POST, "/api/v1/payment-requests/\(payment.id)/cancel", as: .agent)
            #expect(again.status == 409)
            #expect(again.error?.code == "not_active")
            #expect(try await sandbox.transcript().messages.last?.text.contains("withdrawn") == true)
            let token = try #require(payment.token)
            let reply = try await sandbox.reply(token, #"{"outcome":"success"}"#)
            #expect(reply.status == 410)
            #expect(reply.error?.code == "cancelled")
        }
    }

    @Test("Idempotency-Key: same body gives the first response and creates nothing; another body is 422")
    func idempotency() async throws {
        try await withSandbox { sandbox in
            let first = try await sandbox.create(headers: [("Idempotency-Key", "order-1042-attempt")])
            let second = try await sandbox.create(headers: [("Idempotency-Key", "order-1042-attempt")])
            #expect(first == second)
            let other = try await sandbox.send(.POST, "/api/v1/messaging/conversations/\(sandbox.conversationId)/payment-requests",
                                               as: .agent, json: #"{"description":"Other","currency":"USD","amount":100}"#,
                                               headers: [("Idempotency-Key", "order-1042-attempt")])
            #expect(other.status == 422)
            #expect(other.error?.code == "idempotency_mismatch")
            let list = try await sandbox.send(.GET, "/api/v1/payment-requests", as: .agent).decode(PaymentPage.self)
            #expect(list.items.map(\.id) == [first.id])
            #expect(try await sandbox.transcript().messages.filter { $0.paymentId != nil }.count == 1)
            // Kept 24 hours, then the key may be reused.
            sandbox.clock.advance(seconds: 24 * 3600 + 1)
            let later = try await sandbox.create(headers: [("Idempotency-Key", "order-1042-attempt")])
            #expect(later.id != first.id)
        }
    }

    @Test("10 concurrent creates with one Idempotency-Key make one payment, and all get its response")
    func concurrentIdempotency() async throws {
        try await withSandbox { sandbox in
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await sandbox.create(headers: [("Idempotency-Key", "double-click")]).id }
                }
                var ids: [String] = []
                for try await id in group { ids.append(id) }
                return ids
            }
            #expect(ids.count == 10 && Set(ids).count == 1)
            let list = try await sandbox.send(.GET, "/api/v1/payment-requests", as: .agent).decode(PaymentPage.self)
            #expect(list.items.count == 1)
        }
    }

    @Test("the supervisor list pages newest first with an opaque cursor and filters by status")
    func supervisorList() async throws {
        try await withSandbox { sandbox in
            var ids: [String] = []
            for index in 1...5 {
                ids.append(try await sandbox.create(#"{"description":"P\#(index)","currency":"JPY","amount":\#(index * 100)}"#).id)
            }
            _ = try await sandbox.send(.POST, "/api/v1/payment-requests/\(ids[1])/cancel", as: .agent)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let query = "status=pending,opened&limit=2" + (cursor.map { "&after=\($0)" } ?? "")
                let page = try await sandbox.send(.GET, "/api/v1/payment-requests?\(query)", as: .agent).decode(PaymentPage.self)
                #expect(page.items.count <= 2)
                seen += page.items.map(\.id)
                cursor = page.next
            } while cursor != nil
            #expect(seen == [ids[4], ids[3], ids[2], ids[0]])
            let bad = try await sandbox.send(.GET, "/api/v1/payment-requests?after=xyz&limit=500&status=lost", as: .agent)
            #expect(bad.status == 422)
            #expect(Set(bad.error?.fields?.map(\.field) ?? []) == ["after", "limit", "status"])
        }
    }

    @Test("paging with two statuses while payments are created and change status gives each payment once, none missing")
    func pagingWhileWriting() async throws {
        try await withSandbox { sandbox in
            var ids: [PaymentMessage] = []
            for index in 1...9 {
                ids.append(try await sandbox.create(#"{"description":"P\#(index)","currency":"JPY","amount":\#(index * 100)}"#))
            }
            var seen: [String] = []
            var cursor: String?
            var round = 0
            repeat {
                let query = "status=pending,opened&limit=2" + (cursor.map { "&after=\($0)" } ?? "")
                let page = try await sandbox.send(.GET, "/api/v1/payment-requests?\(query)", as: .agent).decode(PaymentPage.self)
                seen += page.items.map(\.id)
                cursor = page.next
                // Between pages: a new payment arrives (newer than any page still to come) and
                // an older one moves from pending to opened (still listed, in its place).
                round += 1
                _ = try await sandbox.create(#"{"description":"New \#(round)","currency":"JPY","amount":100}"#)
                if round == 1 { _ = try await sandbox.clientRead(try #require(ids[0].token)) }
            } while cursor != nil
            #expect(seen == ids.reversed().map(\.id))
        }
    }

    @Test("the supervisor list shows each change of a listed payment on the next list: opened, paid, expired")
    func listFollowsChanges() async throws {
        try await withSandbox { sandbox in
            let paid = try await sandbox.create()
            let expiring = try await sandbox.create(#"{"description":"Slow","currency":"USD","amount":500,"expiresInSeconds":60}"#)
            func list(_ query: String) async throws -> [String: PaymentMessage] {
                let page = try await sandbox.send(.GET, "/api/v1/payment-requests?\(query)", as: .agent).decode(PaymentPage.self)
                return Dictionary(uniqueKeysWithValues: page.items.map { ($0.id, $0) })
            }
            #expect(try await list("status=pending,opened")[paid.id]?.status == .pending)
            let path = "/api/v1/payment-requests?status=pending,opened"
            let etag = try #require(try await sandbox.send(.GET, path, as: .agent).headers.first(name: "ETag"))
            let unchanged = try await sandbox.send(.GET, path, as: .agent, headers: [("If-None-Match", etag)])
            #expect(unchanged.status == 304 && unchanged.body.isEmpty)

            _ = try await sandbox.clientRead(try #require(paid.token))
            #expect(try await sandbox.send(.GET, path, as: .agent, headers: [("If-None-Match", etag)]).status == 200)
            let opened = try await list("status=pending,opened")[paid.id]
            #expect(opened?.status == .opened && opened?.events?.map(\.status) == [.pending, .opened])

            #expect(try await sandbox.reply(try #require(paid.token), #"{"outcome":"success","transactionId":"tx-1"}"#).status == 200)
            #expect(try await list("status=pending,opened")[paid.id] == nil)
            let done = try await list("status=paid")[paid.id]
            #expect(done?.status == .paid && done?.response?.transactionId == "tx-1" && done?.active == false)

            #expect(try await list("")[expiring.id]?.status == .pending)
            sandbox.clock.advance(seconds: 60)
            #expect(try await list("status=pending,opened")[expiring.id] == nil)
            #expect(try await list("")[expiring.id]?.status == .expired)
        }
    }

    @Test("the supervisor query is served by an index at 10,000 rows")
    func listUsesIndex() async throws {
        try await withSandbox { sandbox in
            let writer = sandbox.sandbox.api.store.writer
            try await writer.write { db in
                for index in 0..<10_000 {
                    try db.execute(sql: """
                        INSERT INTO payment (id, conversation_id, status, created_at, expires_at, updated_at, details, token, jti, issuer, payment_url, short_code, change_seq)
                        VALUES (?, 'c', ?, 0, 9999999999999, 0, '{"description":"x","currency":"USD","amount":1,"lineItems":[],"metadata":{}}', 't', 'j', 'i', 'u', ?, ?)
                        """, arguments: ["id-\(index)", index % 3 == 0 ? "paid" : "pending", "code\(index)", index + 1])
                }
            }
            let plan = try await writer.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM payment WHERE status IN ('pending','opened') AND seq < 5000 ORDER BY seq DESC LIMIT 101")
                    .map { $0["detail"] as String }
            }.joined(separator: "\n")
            #expect(plan.contains("USING INDEX") || plan.contains("USING INTEGER PRIMARY KEY"), "\(plan)")
            #expect(!plan.contains("SCAN payment\n") && plan != "SCAN payment")
            let page = try await sandbox.send(.GET, "/api/v1/payment-requests?status=pending,opened&limit=100", as: .agent).decode(PaymentPage.self)
            #expect(page.items.count == 100)
            #expect(page.next != nil)
        }
    }
}

@Suite("HTTP details")
struct HTTPDetailTests {
    @Test("a known path with another method is 405 with Allow; HEAD works where GET does; every response has a request id")
    func methods() async throws {
        try await withSandbox { sandbox in
            let wrong = try await sandbox.send(.DELETE, "/healthz")
            #expect(wrong.status == 405)
            #expect(wrong.headers.first(name: "Allow") == "GET")
            #expect(wrong.error?.code == "method_not_allowed")
            let put = try await sandbox.send(.PUT, "/api/v1/payment-requests/\(UUID().uuidString.lowercased())/cancel", as: .agent)
            #expect(put.status == 405)
            #expect(put.headers.first(name: "Allow") == "POST")
            let head = try await sandbox.send(.HEAD, "/healthz")
            #expect(head.status == 200)
            #expect(head.headers.first(name: "X-Request-Id")?.isEmpty == false)
            let echoed = try await sandbox.send(.GET, "/healthz", headers: [("X-Request-Id", "trace-42")])
            #expect(echoed.headers.first(name: "X-Request-Id") == "trace-42")
        }
    }
}
