import Foundation
import PaymentCore
import QuiqClient
import Testing

@Suite("QuiqAPI against a real sandbox")
struct QuiqAPITests {
    @Test("every agent-side call of API.md works end to end")
    func agentSide() async throws {
        let sandbox = try await TestSandbox.start()
        try await withAPI(sandbox.options()) { api in
            let draft = PaymentDraft(id: UUID().uuidString.lowercased(), conversationId: sandbox.conversationId,
                                     description: "Two widgets", currency: .usd,
                                     lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000)],
                                     metadata: [MetadataEntry(key: "orderId", value: "1042")], key: "k-1")
            let created = try await api.createPayment(draft)
            #expect(created.status == .pending)
            #expect(created.payment.amount == 10_000)
            #expect(created.shortUrl != nil)
            #expect(created.paymentUrl?.contains("key=k-1") == true)

            let read = try await api.payment(id: created.id)
            #expect(read.id == created.id && read.payment.metadata["orderId"] == "1042")

            let inConversation = try await api.payments(inConversation: sandbox.conversationId)
            #expect(inConversation.map(\.id).contains(created.id))

            let page = try await api.paymentRequests(status: [.pending, .opened], limit: 10)
            #expect(page.items.map(\.id).contains(created.id))

            let conversation = try await api.conversation(id: sandbox.conversationId)
            #expect(conversation.messages.contains { $0.paymentId == created.id })

            let cancelled = try await api.cancelPayment(id: created.id)
            #expect(cancelled.status == .cancelled && !cancelled.active)
            let pending = try await api.paymentRequests(status: [.pending, .opened], limit: 100)
            #expect(!pending.items.map(\.id).contains(created.id))
        }
        await sandbox.stop()
    }

    @Test("the list endpoint pages with limit and after")
    func paging() async throws {
        let sandbox = try await TestSandbox.start()
        var ids: Set<String> = []
        for index in 0..<5 { ids.insert(try await sandbox.createPayment(description: "page \(index)").id) }
        try await withAPI(sandbox.options()) { api in
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await api.paymentRequests(status: [.pending], limit: 2, after: cursor)
                #expect(page.items.count <= 2)
                seen += page.items.map(\.id)
                cursor = page.next
            } while cursor != nil
            #expect(Set(seen) == ids)
            #expect(seen.count == ids.count)
        }
        await sandbox.stop()
    }

    @Test("settings are read and changed with the admin key, and refused to the agent key")
    func settings() async throws {
        let sandbox = try await TestSandbox.start()
        try await withAPI(sandbox.options(role: "admin")) { api in
            let updated = try await api.updateSettings(PaymentSettingsUpdate(collectionUrl: "https://merchant.example/pay"))
            #expect(updated.collectionUrl == "https://merchant.example/pay")
            #expect(try await api.settings().collectionUrl == "https://merchant.example/pay")
        }
        try await withAPI(sandbox.options(role: "agent")) { api in
            await #expect(throws: QuiqClientError.self) { try await api.settings() }
            do throws(QuiqClientError) {
                _ = try await api.settings()
            } catch {
                #expect(error.status == 403)
                #expect(error.description.contains("read the payment settings"))
            }
        }
        await sandbox.stop()
    }

    @Test("a polled transcript is revalidated too: 304 while nobody writes, the new message as soon as one is posted")
    func conversationNotModified() async throws {
        let sandbox = try await TestSandbox.start()
        _ = try await sandbox.createPayment()
        try await withAPI(sandbox.options()) { api in
            let first = try await api.conversationRead(id: sandbox.conversationId)
            #expect(!first.notModified && !first.conversation.messages.isEmpty)
            let second = try await api.conversationRead(id: sandbox.conversationId)
            #expect(second.notModified && second.conversation == first.conversation)

            let created = try await sandbox.createPayment(description: "Second deposit")
            let third = try await api.conversationRead(id: sandbox.conversationId)
            #expect(!third.notModified)
            #expect(third.conversation.messages.count > first.conversation.messages.count)
            #expect(third.conversation.messages.last?.paymentId == created.id)
        }
        await sandbox.stop()
    }

    @Test("a repeated read is revalidated with If-None-Match: 304 serves the cached message until it changes")
    func notModified() async throws {
        let sandbox = try await TestSandbox.start()
        let created = try await sandbox.createPayment()
        try await withAPI(sandbox.options()) { api in
            let first = try await api.readPayment(id: created.id)
            #expect(!first.notModified)
            let sentBefore = api.requestsSent
            let second = try await api.readPayment(id: created.id)
            #expect(second.notModified)
            #expect(second.message == first.message)
            #expect(api.requestsSent == sentBefore + 1)

            #expect(try await sandbox.clientRead(token: created.token ?? "") == 200)
            let third = try await api.readPayment(id: created.id)
            #expect(!third.notModified)
            #expect(third.message.status == .opened)
        }
        await sandbox.stop()
    }

    @Test("a wrong key fails with one sentence that names the variables and never the secret")
    func unauthorized() async throws {
        let sandbox = try await TestSandbox.start()
        var options = sandbox.options()
        options.credentials = Credentials(identity: "nobody", secret: "s3cr3t-value-XYZ")
        try await withAPI(options) { api in
            do throws(QuiqClientError) {
                _ = try await api.payments(inConversation: sandbox.conversationId)
                Issue.record("a wrong key was accepted")
            } catch {
                #expect(error == .unauthorized(hint: "check QUIQ_API_IDENTITY / QUIQ_API_SECRET"))
                #expect(error.description == "Quiq rejected the API key: check QUIQ_API_IDENTITY / QUIQ_API_SECRET.")
                #expect(!error.description.contains("s3cr3t"))
            }
        }
        #expect(!"\(options.credentials)".contains("s3cr3t"))
        #expect(!String(reflecting: options.credentials).contains("s3cr3t"))
        var dumped = ""
        dump(options.credentials, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
        await sandbox.stop()
    }

    @Test("refusals are typed: unknown id, validation with fields, cancel of a finished payment")
    func refusals() async throws {
        let sandbox = try await TestSandbox.start()
        try await withAPI(sandbox.options()) { api in
            let unknown = UUID().uuidString.lowercased()
            await #expect(throws: QuiqClientError.notFound(what: "payment \(unknown)")) { try await api.payment(id: unknown) }

            do throws(QuiqClientError) {
                _ = try await api.createPayment(PaymentRequest(description: "", currency: "USD", amount: 0),
                                                conversationId: sandbox.conversationId, idempotencyKey: "bad-body")
                Issue.record("an invalid body was accepted")
            } catch {
                guard case .rejected(422, _, _, let fields) = error else {
                    Issue.record("expected a 422, got \(error)")
                    return
                }
                #expect(Set(fields.map(\.field)).isSuperset(of: ["description", "amount"]))
                #expect(error.description.hasPrefix("Quiq refused: "))
            }

            let created = try await api.createPayment(PaymentRequest(description: "once", currency: "USD", amount: 100),
                                                      conversationId: sandbox.conversationId, idempotencyKey: UUID().uuidString)
            _ = try await api.cancelPayment(id: created.id)
            await #expect(throws: QuiqClientError.self) { try await api.cancelPayment(id: created.id) }
            do throws(QuiqClientError) {
                _ = try await api.cancelPayment(id: created.id)
            } catch {
                guard case .rejected(409, "not_active", _, _) = error else {
                    Issue.record("expected 409 not_active, got \(error)")
                    return
                }
            }
        }
        await sandbox.stop()
    }

    @Test("an unreachable platform is retried with backoff, announced, then reported in one sentence")
    func unreachable() async throws {
        let closed = ClosedPort()
        let port = closed.port
        let retries = RetryLog()
        let options = QuiqAPI.Options(baseURL: "http://user:pw@127.0.0.1:\(port)", credentials: Credentials(identity: "a", secret: "b"),
                                      retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02))
        try await withAPI(options, onRetry: { retries.append($0) }) { api in
            do throws(QuiqClientError) {
                _ = try await api.payment(id: "x")
                Issue.record("a closed port answered")
            } catch {
                #expect(error.isUnreachable)
                #expect(error.description.hasPrefix("The platform is unreachable at http://127.0.0.1:\(port)"))
                #expect(!error.description.contains("pw"))
            }
            #expect(api.requestsSent == 3)
        }
        withExtendedLifetime(closed) {}  // refusing until here
        let announced = retries.all
        #expect(announced.count == 2)
        #expect(announced.allSatisfy { $0.description.contains(": retrying in ") })
    }

    @Test("RetryPolicy: full jitter stays under an exponential cap")
    func retryPolicy() {
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: 0.5, maxDelay: 8, random: { $0.upperBound })
        #expect((1...6).map(policy.delay(afterAttempt:)) == [0.5, 1, 2, 4, 8, 8])
        let random = RetryPolicy(baseDelay: 1, maxDelay: 4)
        for attempt in 1...10 {
            let delay = random.delay(afterAttempt: attempt)
            #expect(delay >= 0 && delay <= random.cap(afterAttempt: attempt))
        }
    }
}

/// Values collected from a Sendable callback.
final class Recorder<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])
    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var all: [Value] { storage.withLock { $0 } }
}

typealias RetryLog = Recorder<QuiqClientError>

import Synchronization
