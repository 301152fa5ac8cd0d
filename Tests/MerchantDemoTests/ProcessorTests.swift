import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Testing
import TestSupport
@testable import MerchantDemo

/// The fake processor on its own, over real HTTP: its card page mints payment-method tokens and
/// its charge API enforces the rules of issue 13 (single use, 10 minutes, bound to the payment,
/// amount and currency, idempotent by key).
@Suite("Processor rules over HTTP")
struct ProcessorTests {
    /// A processor on a free port, a clock the test moves, and a browser-and-back-end client.
    final class Rig: Sendable {
        let processor: RunningProcessor
        let clock: TestClock
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        let logs: LogCapture

        static func with<T>(gate: ChargeGate? = nil, _ body: (Rig) async throws -> T) async throws -> T {
            let clock = TestClock()
            let logs = LogCapture()
            var configuration = ProcessorConfiguration(logger: logs.logger(label: "test.processor"))
            configuration.now = { clock.now() }
            configuration.gate = gate
            let rig = Rig(processor: try await RunningProcessor.start(configuration), clock: clock, logs: logs)
            do {
                let result = try await body(rig)
                await rig.stop()
                return result
            } catch {
                await rig.stop()
                throw error
            }
        }

        private init(processor: RunningProcessor, clock: TestClock, logs: LogCapture) {
            self.processor = processor
            self.clock = clock
            self.logs = logs
        }

        func stop() async {
            await processor.stop()
            try? await http.shutdown()
        }

        /// Types `card` into the hosted page for this payment and amount; returns the `pm_` token.
        func mint(payment: String = "pay_1", amount: Int64 = 1000, currency: String = "USD", card: String = "4242424242424242") async throws -> String {
            let url = CardEntry.url(base: processor.baseURL, publishableKey: processor.descriptor.publishableKey, paymentId: payment,
                                    amount: amount, currency: currency, returnURL: "http://127.0.0.1:9/pay/return?session=cs_1")
            let page = try await send(HTTPClientRequest(url: url))
            #expect(page.status == 200)
            let form = try PageForm(html: page.body)
            var request = HTTPClientRequest(url: processor.baseURL + form.action)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: FormEncoding.encode(form.hidden + [("name", "Ada"), ("number", card), ("expiry", "12/34"), ("cvc", "123")])))
            let posted = try await send(request)
            #expect(posted.status == 303)
            let location = try #require(posted.headers.first(name: "Location"))
            #expect(location.hasPrefix("http://127.0.0.1:9/pay/return?session=cs_1&pm=pm_"))
            return String(try #require(location.firstMatch(of: /pm=(pm_[0-9a-f]+)/)?.1))
        }

        struct Reply: Sendable {
            let status: Int
            let headers: HTTPHeaders
            let body: String
            var charge: ProcessorCharge? { try? JSONDecoder().decode(ProcessorCharge.self, from: Data(body.utf8)) }
            var code: String? { (try? JSONDecoder().decode(ProcessorRoutes.ErrorBody.self, from: Data(body.utf8)))?.error.code }
        }

        func charge(_ pm: String, payment: String = "pay_1", amount: Int64 = 1000, currency: String = "USD",
                    key: String = "pay_1", secret: String? = nil) async throws -> Reply {
            var request = HTTPClientRequest(url: processor.baseURL + "/v1/charges")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer " + (secret ?? processor.descriptor.secretKey))
            request.headers.add(name: "Idempotency-Key", value: key)
            request.headers.add(name: "Content-Type", value: "application/json")
            let body: [String: Any] = ["paymentMethod": pm, "paymentId": payment, "amount": amount, "currency": currency]
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            return try await send(request)
        }

        func send(_ request: HTTPClientRequest) async throws -> Reply {
            let response = try await http.execute(request, timeout: .seconds(15))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            return Reply(status: Int(response.status.code), headers: response.headers, body: body)
        }
    }

    @Test("A token charges once; reusing it under another idempotency key is refused with 409")
    func reusedToken() async throws {
        try await Rig.with { rig in
            let pm = try await rig.mint()
            let first = try await rig.charge(pm)
            #expect(first.status == 200)
            #expect(first.charge?.decision == .approved)
            let reused = try await rig.charge(pm, key: "another-key")
            #expect(reused.status == 409)
            #expect(reused.code == "payment_method_used")
            #expect(await rig.processor.totalCharges() == 1)
        }
    }

    @Test("A token for another amount, payment or currency is refused with 422, and stays usable for its own")
    func foreignToken() async throws {
        try await Rig.with { rig in
            let pm = try await rig.mint(payment: "pay_1", amount: 1000, currency: "USD")
            for (payment, amount, currency) in [("pay_1", Int64(1001), "USD"), ("pay_2", Int64(1000), "USD"), ("pay_1", Int64(1000), "EUR")] {
                let refused = try await rig.charge(pm, payment: payment, amount: amount, currency: currency, key: "\(payment)-\(amount)-\(currency)")
                #expect(refused.status == 422, "\(payment) \(amount) \(currency)")
                #expect(refused.code == "payment_method_mismatch")
            }
            #expect(await rig.processor.totalCharges() == 0)
            #expect(try await rig.charge(pm).status == 200)
        }
    }

    @Test("An idempotency key answers with its first charge for a day; after that the processor has forgotten it")
    func idempotencyWindow() async throws {
        try await Rig.with { rig in
            let first = try await rig.charge(try await rig.mint())
            #expect(first.status == 200)
            rig.clock.advance(by: 23 * 3600)
            let replay = try await rig.charge(try await rig.mint())
            #expect(replay.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(replay.charge?.id == first.charge?.id)
            rig.clock.advance(by: 2 * 3600)
            let later = try await rig.charge(try await rig.mint())  // minting sweeps the books
            #expect(later.status == 200)
            #expect(later.headers.first(name: "Idempotent-Replayed") != "true")
            #expect(later.charge?.id != first.charge?.id)
            #expect(await rig.processor.chargeCount(for: "pay_1") == 1, "the forgotten charge's count went with it")
        }
    }

    @Test("A token older than 10 minutes is refused with 410; one 9 minutes old is not")
    func expiredToken() async throws {
        try await Rig.with { rig in
            let old = try await rig.mint(payment: "pay_1")
            let fresh = try await rig.mint(payment: "pay_2")
            // Real seconds pass too on a loaded machine: a minute's margin either side of the limit.
            rig.clock.advance(by: 540)
            #expect(try await rig.charge(fresh, payment: "pay_2", key: "pay_2").status == 200)
            rig.clock.advance(by: 120)
            let expired = try await rig.charge(old)
            #expect(expired.status == 410)
            #expect(expired.code == "payment_method_expired")
            #expect(await rig.processor.chargeCount(for: "pay_1") == 0)
        }
    }

    @Test("The same idempotency key returns the first charge, even with another token and amount")
    func idempotentReplay() async throws {
        try await Rig.with { rig in
            let pm = try await rig.mint(card: "4000000000000002")
            let first = try await rig.charge(pm)
            #expect(first.status == 200)
            #expect(first.charge?.decision == .declined)
            #expect(first.headers.first(name: "Idempotent-Replayed") == nil)
            let again = try await rig.charge(pm)
            #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(again.charge == first.charge)
            let other = try await rig.mint(amount: 5000)
            let replay = try await rig.charge(other, amount: 5000)
            #expect(replay.charge == first.charge)
            #expect(await rig.processor.totalCharges() == 1)
        }
    }

    @Test("Two concurrent charges with one key and one token give one charge, and both answers are it")
    func concurrentDoubleSubmit() async throws {
        let gate = ChargeGate()
        try await Rig.with(gate: gate) { rig in
            let pm = try await rig.mint()
            async let first = rig.charge(pm)
            async let second = rig.charge(pm)
            await gate.awaitArrival()
            gate.open()
            let (a, b) = try await (first, second)
            // Whichever arrived first made the charge; the other got it back.
            #expect(a.status == 200 && b.status == 200)
            #expect(a.charge != nil && a.charge == b.charge)
            #expect([a, b].filter { $0.headers.first(name: "Idempotent-Replayed") == "true" }.count == 1)
            #expect(await rig.processor.totalCharges() == 1)
        }
    }

    @Test("Two concurrent charges of one token under different keys: exactly one is charged, the other refused")
    func concurrentReuse() async throws {
        try await Rig.with { rig in
            let pm = try await rig.mint()
            async let first = rig.charge(pm, key: "k1")
            async let second = rig.charge(pm, key: "k2")
            let statuses = try await [first.status, second.status].sorted()
            #expect(statuses == [200, 409])
            #expect(await rig.processor.totalCharges() == 1)
        }
    }

    @Test("The charge API wants the secret key: none, the publishable key or a wrong one get 401")
    func secretKeyRequired() async throws {
        try await Rig.with { rig in
            let pm = try await rig.mint()
            for secret in ["", rig.processor.descriptor.publishableKey, "sk_test_wrong"] {
                let answer = try await rig.charge(pm, secret: secret)
                #expect(answer.status == 401)
                #expect(answer.code == "unauthorized")
            }
            #expect(try await rig.charge(pm).status == 200)
        }
    }

    @Test("The charge answer and the logs hold the brand and last 4 only; the timeout card answers 504")
    func maskedAnswers() async throws {
        try await Rig.with { rig in
            let pm = try await rig.mint(card: "5555555555554444")
            let answer = try await rig.charge(pm)
            #expect(answer.charge?.brand == "Mastercard")
            #expect(answer.charge?.last4 == "4444")
            #expect(!answer.body.contains("5555555555554444"))
            let slow = try await rig.mint(payment: "pay_2", card: "4000000000000119")
            let timedOut = try await rig.charge(slow, payment: "pay_2", key: "pay_2")
            #expect(timedOut.status == 504)
            #expect(rig.logs.all.contains { $0.contains("card.last4=4444") })
            #expect(!rig.logs.all.contains { $0.contains("5555555555554444") || $0.contains("4000000000000119") })
        }
    }

    @Test("The descriptor file is written 0600 and reads back")
    func descriptorFile() async throws {
        try await Rig.with { rig in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-processor-\(UUID().uuidString)/processor.json").path
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            try rig.processor.descriptor.write(to: path)
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode == 0o600)
            #expect(try ProcessorDescriptor.read(from: path) == rig.processor.descriptor)
            #expect(throws: ProcessorDescriptorError.self) { try ProcessorDescriptor.read(from: path + ".missing") }
        }
    }
}
