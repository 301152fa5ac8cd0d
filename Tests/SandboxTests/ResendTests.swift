import Foundation
import PaymentCore
import Testing
@testable import Sandbox

/// `POST /api/v1/payment-requests/{id}/resend` over HTTP on loopback (docs/API.md §6.12).
@Suite("Resend the link")
struct ResendTests {
    private static func resendPath(_ id: String) -> String { "/api/v1/payment-requests/\(id)/resend" }

    /// How many messages of the transcript carry `link`.
    private static func postings(of link: String, in conversation: Conversation) -> Int {
        conversation.messages.filter { $0.text.contains(link) }.count
    }

    @Test("an active payment's link is posted again: one payment, the same token and link, a `link resent` event")
    func active() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let shortUrl = try #require(payment.shortUrl)
            let readBefore = try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent)
            let etagBefore = try #require(readBefore.headers.first(name: "ETag"))
            let pageBefore = try await sandbox.send(.GET, "/api/v1/payment-requests?status=pending", as: .agent)
            let pageETag = try #require(pageBefore.headers.first(name: "ETag"))

            let reply = try await sandbox.send(.POST, Self.resendPath(payment.id), as: .agent)
            #expect(reply.status == 200)
            let resent = try reply.decode(PaymentMessage.self)
            #expect(resent.id == payment.id && resent.status == .pending && resent.active)
            #expect(resent.token == payment.token && resent.shortUrl == shortUrl && resent.paymentUrl == payment.paymentUrl)
            #expect(resent.events?.map(\.note) == ["created by agent", "link resent"])
            #expect(resent.events?.map(\.status) == [.pending, .pending])

            let transcript = try await sandbox.transcript()
            #expect(Self.postings(of: shortUrl, in: transcript) == 2)
            let last = try #require(transcript.messages.last)
            #expect(last.author == .agent && last.paymentId == payment.id)
            #expect(last.text == "Please pay $125.50 for “Deposit for order 1042”: \(shortUrl)")
            let listed = try await sandbox.send(.GET, "/api/v1/messaging/conversations/\(sandbox.conversationId)/payment-requests", as: .agent)
            #expect(try listed.decode(PaymentPage.self).items.map(\.id) == [payment.id])

            // Every read sees the new event: the payment's ETag and the list page's moved on.
            let readAfter = try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent,
                                                   headers: [("If-None-Match", etagBefore)])
            #expect(readAfter.status == 200)
            #expect(try readAfter.decode(PaymentMessage.self).events?.last?.note == "link resent")
            let pageAfter = try await sandbox.send(.GET, "/api/v1/payment-requests?status=pending", as: .agent,
                                                   headers: [("If-None-Match", pageETag)])
            #expect(pageAfter.status == 200)
            #expect(try pageAfter.decode(PaymentPage.self).items.first?.events?.last?.note == "link resent")

            // The customer's link still works, and an opened payment can be resent too.
            let token = try #require(payment.token)
            #expect(try await sandbox.clientRead(token).status == 200)
            sandbox.clock.advance(seconds: 61)
            let again = try await sandbox.send(.POST, Self.resendPath(payment.id), as: .agent)
            #expect(again.status == 200)
            #expect(try again.decode(PaymentMessage.self).events?.map(\.note) == ["created by agent", "link resent", "opened by the Client", "link resent"])
            #expect(Self.postings(of: shortUrl, in: try await sandbox.transcript()) == 3)
        }
    }

    @Test("a terminal payment gets 409 not_active with one sentence, and nothing is posted")
    func terminal() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            #expect(try await sandbox.send(.POST, "/api/v1/payment-requests/\(payment.id)/cancel", as: .agent).status == 200)
            let before = try await sandbox.transcript().messages.count
            let reply = try await sandbox.send(.POST, Self.resendPath(payment.id), as: .agent)
            #expect(reply.status == 409)
            #expect(reply.error?.code == "not_active")
            #expect(reply.error?.message == "The payment is already cancelled: only a pending or opened payment's link can be resent.")
            #expect(try await sandbox.transcript().messages.count == before)

            // One whose time ran out is expired on the way, and refused the same way.
            let expiring = try await sandbox.create(#"{"description":"Short","currency":"EUR","amount":500,"expiresInSeconds":60}"#)
            sandbox.clock.advance(seconds: 61)
            let late = try await sandbox.send(.POST, Self.resendPath(expiring.id), as: .agent)
            #expect(late.status == 409)
            #expect(late.error?.message.hasPrefix("The payment is already expired:") == true)
            #expect(try await sandbox.send(.POST, Self.resendPath(UUID().uuidString.lowercased()), as: .agent).status == 404)
        }
    }

    @Test("a second resend within a minute gets 429 too_soon with Retry-After, and posts nothing")
    func tooSoon() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let shortUrl = try #require(payment.shortUrl)
            #expect(try await sandbox.send(.POST, Self.resendPath(payment.id), as: .agent).status == 200)
            let refused = try await sandbox.send(.POST, Self.resendPath(payment.id), as: .agent)
            #expect(refused.status == 429)
            #expect(refused.headers.first(name: "Retry-After") == "60")
            #expect(refused.error?.code == "too_soon")
            #expect(refused.error?.message == "This payment's link was resent less than a minute ago: wait 60 s before resending it.")
            sandbox.clock.advance(seconds: 45)
            let still = try await sandbox.send(.POST, Self.resendPath(payment.id), as: .agent)
            #expect(still.status == 429)
            #expect(still.headers.first(name: "Retry-After") == "15")
            #expect(Self.postings(of: shortUrl, in: try await sandbox.transcript()) == 2)
            sandbox.clock.advance(seconds: 15)
            #expect(try await sandbox.send(.POST, Self.resendPath(payment.id), as: .agent).status == 200)
            let read = try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent).decode(PaymentMessage.self)
            #expect(read.events?.filter { $0.note == "link resent" }.count == 2)
        }
    }

    @Test("only the agent role may resend: a client or admin key gets the usual 403, and nothing is posted")
    func wrongRole() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create()
            let before = try await sandbox.transcript().messages.count
            for role in [APIKeyRole.client, .admin] {
                let reply = try await sandbox.send(.POST, Self.resendPath(payment.id), as: role)
                #expect(reply.status == 403)
                #expect(reply.error?.code == "forbidden")
                #expect(reply.error?.message == "This \(role.rawValue) key cannot call this endpoint: use an API key with the agent role.")
            }
            #expect(try await sandbox.send(.POST, Self.resendPath(payment.id)).status == 401)
            #expect(try await sandbox.transcript().messages.count == before)
            // Refusals did not count as a resend: the agent's first one goes through.
            #expect(try await sandbox.send(.POST, Self.resendPath(payment.id), as: .agent).status == 200)
        }
    }
}
