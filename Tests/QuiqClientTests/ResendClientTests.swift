import Foundation
import PaymentCore
import QuiqClient
import Testing

/// `QuiqAPI.resendLink` and `quiqpay resend` against a real sandbox on loopback.
@Suite("Resend the link, client side")
struct ResendClientTests {
    @Test("resendLink answers the same payment with `link resent`; too soon and finished are typed, not retried")
    func typedErrors() async throws {
        let sandbox = try await TestSandbox.start()
        // A policy that would wait out Retry-After (60 s) for any other call: resend must not.
        let options = sandbox.options(retry: RetryPolicy(maxAttempts: 5, baseDelay: 0.01, maxDelay: 0.05))
        try await withAPI(options) { api in
            let created = try await sandbox.createPayment(amount: 4_200, description: "Resent by the client")
            let resent = try await api.resendLink(id: created.id)
            #expect(resent.id == created.id && resent.token == created.token && resent.status == .pending)
            #expect(resent.events?.last?.note == "link resent")
            let sentBefore = api.requestsSent
            do throws(ResendError) {
                _ = try await api.resendLink(id: created.id)
                Issue.record("a second resend at once went through")
            } catch {
                // At most a minute, less the seconds a loaded machine took between the two calls.
                guard case .tooSoon(let retryAfter?) = error else { throw error }
                #expect((1...60).contains(retryAfter))
            }
            #expect(api.requestsSent == sentBefore + 1)
            #expect(ResendError.tooSoon(retryAfter: 60).description == "The link was resent less than a minute ago: resend it again in 60 s.")
            // The payment read afterwards shows the event too (its ETag moved on).
            #expect(try await api.payment(id: created.id).events?.map(\.note) == ["created by agent", "link resent"])

            _ = try await api.cancelPayment(id: created.id)
            do throws(ResendError) {
                _ = try await api.resendLink(id: created.id)
                Issue.record("a cancelled payment's link was resent")
            } catch {
                guard case .notActive = error else { throw error }
                #expect(error.description == "Quiq did not resend the link: The payment is already cancelled: only a pending or opened payment's link can be resent.")
            }
        }
        await sandbox.stop()
    }

    @Test("the endpoint table names resendLink, and config.yaml can point it elsewhere, keeping {id}")
    func endpoint() throws {
        #expect(EndpointTable.standard[.resendLink] == Endpoint(method: "POST", pathTemplate: "/api/v1/payment-requests/{id}/resend"))
        let moved = try EndpointTable.standard.overriding(["resendLink": "PUT /api/v2/payments/{id}/remind"])
        #expect(moved[.resendLink] == Endpoint(method: "PUT", pathTemplate: "/api/v2/payments/{id}/remind"))
        #expect(throws: ConfigurationError.self) { try EndpointTable.standard.overriding(["resendLink": "/api/v2/remind"]) }
        #expect(throws: ConfigurationError.self) { try EndpointTable.standard.overriding(["resendLink": "off"]) }
    }

    @Test("quiqpay resend prints the link; again at once exits 1 with too_soon; a finished payment with not_active")
    func command() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: sandbox)
        let created = try await sandbox.createPayment(amount: 990, description: "Resent by the command")
        let shortUrl = try #require(created.shortUrl)

        let resent = try await cli.run(["resend", created.id])
        #expect(resent.status == 0, "\(resent.stderr)")
        #expect(resent.stdout == "Resent the link of payment \(created.id) (pending): \(shortUrl).\n")
        let conversation = try await withAPI(sandbox.options()) { api in try await api.conversation(id: sandbox.conversationId) }
        #expect(conversation.messages.filter { $0.text.contains(shortUrl) }.count == 2)

        struct ErrorBody: Decodable { struct Detail: Decodable { var code: String; var exitCode: Int32 }; var error: Detail }
        let again = try await cli.run(["resend", created.id, "--json"])
        #expect(again.status == 1)
        // 60 s, or 59 when the second turned between the two calls.
        #expect(again.stderr.hasPrefix("error: The link was resent less than a minute ago: resend it again in ")
                && again.stderr.contains(" s.\n"))
        #expect(try again.json(ErrorBody.self).error.code == "too_soon")

        _ = try await cli.run(["cancel", created.id])
        let finished = try await cli.run(["resend", created.id, "--json"])
        #expect(finished.status == 1)
        #expect(try finished.json(ErrorBody.self).error.code == "not_active")
        await sandbox.stop()
    }
}
