import Foundation
import PaymentCore
import Testing
@testable import Sandbox

@Suite("Lifecycle")
struct LifecycleTests {
    @Test("a payment nobody reads expires on time by the sweeper, and the transcript says so")
    func sweeperExpires() async throws {
        try await withSandbox(sweepInterval: .milliseconds(20)) { sandbox in
            let payment = try await sandbox.create(#"{"description":"Quick one","currency":"USD","amount":500,"expiresInSeconds":60}"#)
            let store = sandbox.sandbox.api.store
            // No request is in flight, so each read of the clock is a sweeper pass: wait for two
            // (one may have begun before the create), and the payment, not yet due, is still pending.
            let passes = sandbox.clock.reads + 2
            #expect(try await waitUntil({ sandbox.clock.reads }, reaches: passes), "the sweeper never ran")
            #expect(try await store.lookup(id: payment.id)?.status == .pending)  // not yet due
            sandbox.clock.advance(seconds: 61)
            var status: PaymentStatus?
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                status = try await store.lookup(id: payment.id)?.status  // a read without side effects
                if status == .expired { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(status == .expired, "the sweeper did not expire the payment within 10 s")
            let transcript = try await sandbox.transcript()
            #expect(transcript.messages.last?.text == "Payment request expired: $5.00 for “Quick one” was not paid in time.")
            #expect(transcript.messages.last?.paymentId == payment.id)
            let message = try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent).decode(PaymentMessage.self)
            #expect(message.events?.map(\.status) == [.pending, .expired])
            #expect(!message.active)
        }
    }

    @Test("a read after expiresAt sees the payment expired even before the sweeper runs")
    func expiryOnRead() async throws {
        try await withSandbox { sandbox in
            let payment = try await sandbox.create(#"{"description":"Slow","currency":"USD","amount":500,"expiresInSeconds":60}"#)
            sandbox.clock.advance(seconds: 59)
            #expect(try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent)
                .decode(PaymentMessage.self).status == .pending)
            sandbox.clock.advance(seconds: 1)
            let expired = try await sandbox.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent).decode(PaymentMessage.self)
            #expect(expired.status == .expired)
            let cancel = try await sandbox.send(.POST, "/api/v1/payment-requests/\(payment.id)/cancel", as: .agent)
            #expect(cancel.status == 409)
        }
    }
}

/// Polls `value` (bounded) until it reaches `target`.
private func waitUntil(_ value: () -> Int, reaches target: Int, timeout: Duration = .seconds(10)) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while value() < target, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
    return value() >= target
}
