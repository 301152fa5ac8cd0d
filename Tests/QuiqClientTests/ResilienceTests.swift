import Foundation
import PaymentCore
import QuiqClient
import Synchronization
import Testing

@Suite("Retries, idempotency and the endpoint table through a loopback proxy")
struct ResilienceTests {
    @Test("a create whose response is lost is retried with the same Idempotency-Key: exactly one payment exists")
    func idempotentCreate() async throws {
        let sandbox = try await TestSandbox.start()
        let proxy = try LoopbackProxy(upstreamPort: sandbox.port, dropFirstResponses: 1)
        let conversationId = sandbox.conversationId
        let description = "lost answer \(UUID().uuidString)"
        let retries = RetryLog()
        let created = try await withAPI(sandbox.options(baseURL: proxy.baseURL), onRetry: { retries.append($0) }) { api in
            let draft = PaymentDraft(id: UUID().uuidString.lowercased(), conversationId: conversationId,
                                     description: description, amount: 4_200)
            return try await api.createPayment(draft)
        }
        #expect(retries.all.count == 1)
        let posts = proxy.requestLines.withLock { $0 }.filter { $0.hasPrefix("POST") }
        #expect(posts.count == 2)
        let all = try await withAPI(sandbox.options()) { api in try await api.payments(inConversation: conversationId) }
        let matching = all.filter { $0.payment.description == description }
        #expect(matching.count == 1)
        #expect(matching.first?.id == created.id)
        proxy.stop()
        await sandbox.stop()
    }

    @Test("a lost cancel answer still ends as cancelled, not as a 409")
    func lostCancel() async throws {
        let sandbox = try await TestSandbox.start()
        let payment = try await sandbox.createPayment()
        let proxy = try LoopbackProxy(upstreamPort: sandbox.port, dropFirstResponses: 1)
        let cancelled = try await withAPI(sandbox.options(baseURL: proxy.baseURL)) { api in
            try await api.cancelPayment(id: payment.id)
        }
        #expect(cancelled.status == .cancelled)
        proxy.stop()
        await sandbox.stop()
    }

    @Test("429 with Retry-After is honoured: the client waits at least that long, then succeeds")
    func rateLimited() async throws {
        let sandbox = try await TestSandbox.start()
        let payment = try await sandbox.createPayment()
        let body = #"{"error":{"code":"rate_limited","message":"Slow down, please."}}"#
        let limited = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        let proxy = try LoopbackProxy(upstreamPort: sandbox.port, canned: [limited])
        let waits = Recorder<Double>()
        let clock = PollClock(now: { 0 }, sleep: { seconds in waits.append(seconds) })
        let read = try await withAPI(sandbox.options(baseURL: proxy.baseURL), clock: clock) { api in
            try await api.payment(id: payment.id)
        }
        #expect(read.id == payment.id)
        let recorded = waits.all
        #expect(recorded.count == 1)
        #expect((recorded.first ?? 0) >= 7)

        let always = try LoopbackProxy(upstreamPort: sandbox.port, canned: Array(repeating: limited, count: 3))
        var options = sandbox.options(baseURL: always.baseURL)
        options.retry = RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.01)
        try await withAPI(options, clock: clock) { api in
            await #expect(throws: QuiqClientError.rateLimited(retryAfter: 7)) { try await api.payment(id: payment.id) }
        }
        #expect(QuiqClientError.rateLimited(retryAfter: 7).description == "Quiq is rate-limiting this API key: wait 7 s and try again.")
        proxy.stop()
        always.stop()
        await sandbox.stop()
    }

    @Test("a platform slower than the per-request timeout is a timeout, said in one sentence")
    func perRequestTimeout() async throws {
        let sandbox = try await TestSandbox.start()
        let payment = try await sandbox.createPayment()
        // Far slower than the timeout, so "gave up before the answer" holds with room on a loaded
        // machine; and a timeout long enough that connecting to the proxy fits in it there too
        // (a connect that outlasts it is "unreachable", rightly).
        let slow = try LoopbackProxy(upstreamPort: sandbox.port, delay: 6)
        try await withAPI(sandbox.options(baseURL: slow.baseURL, retry: .none, timeout: 1.5)) { api in
            // The error itself says it gave up at the timeout, not at the answer (which comes at 6 s).
            await #expect(throws: QuiqClientError.timedOut(baseURL: slow.baseURL, seconds: 1.5)) { try await api.payment(id: payment.id) }
        }
        #expect(QuiqClientError.timedOut(baseURL: "https://x", seconds: 0.3).description
            == "The platform at https://x did not answer within 0.3 s: try again, or raise timeoutSeconds in config.yaml.")
        slow.stop()
        await sandbox.stop()
    }

    @Test("an overridden endpoint table is what the client calls: a tenant gateway with other paths works")
    func overriddenEndpoints() async throws {
        let sandbox = try await TestSandbox.start()
        let payment = try await sandbox.createPayment()
        // A gateway that only knows its own paths, and maps them onto API.md's.
        let gateway = try LoopbackProxy(upstreamPort: sandbox.port) { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[1].hasPrefix("/tenant/pay/") else { return nil }
            let id = parts[1].dropFirst("/tenant/pay/".count)
            return "\(parts[0]) /api/v1/payment-requests/\(id) \(parts[2])"
        }
        try await withAPI(sandbox.options(baseURL: gateway.baseURL)) { api in
            await #expect(throws: QuiqClientError.self) { try await api.payment(id: payment.id) }
        }
        let table = try EndpointTable.standard.overriding(["getPayment": "GET /tenant/pay/{id}"])
        let read = try await withAPI(sandbox.options(baseURL: gateway.baseURL, endpoints: table)) { api in
            try await api.payment(id: payment.id)
        }
        #expect(read.id == payment.id)
        #expect(gateway.requestLines.withLock { $0 }.contains("GET /tenant/pay/\(payment.id) HTTP/1.1"))

        #expect(throws: ConfigurationError.self) { try EndpointTable.standard.overriding(["getPayment": "GET /tenant/pay"]) }
        #expect(throws: ConfigurationError.self) { try EndpointTable.standard.overriding(["fetchPayment": "/x/{id}"]) }
        gateway.stop()
        await sandbox.stop()
    }
}
