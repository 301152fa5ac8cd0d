import AsyncHTTPClient
import Foundation
import PaymentCore
@testable import Sandbox
import Testing

/// `quiqpay sandbox` as a subprocess: it runs the reference Client in the same process and
/// registers it, so a payment link created at once lands on a real payment page.
@Suite("quiqpay sandbox command", .serialized)
struct SandboxCommandTests {
    @Test("the reference Client runs in-process, is the collection URL, and a payment's link lands on its page")
    func registersReferenceClient() async throws {
        let binary = try #require(QuiqpayBinary.path, "build the quiqpay executable first (swift build)")
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let launched = try await QuiqpayBinary.launchSandbox(binary, dataDirectory: directory)
        // Not waitUntilExit: a tmux server started meanwhile by another suite may inherit the
        // descriptor Foundation watches for the exit, and the wait would never end.
        defer {
            launched.process.send(signal: SIGTERM)
            let deadline = Date().addingTimeInterval(5)
            while launched.process.isRunning && Date() < deadline { usleep(20_000) }
        }

        let credentials = try QuiqpayBinary.credentials(directory)
        #expect(credentials.collectionUrl.hasSuffix("/pay") && !credentials.collectionUrl.hasPrefix(launched.baseURL))
        let client = RawClient(baseURL: launched.baseURL, credentials: credentials)
        let created = try await client.send(.POST, "/api/v1/messaging/conversations/\(credentials.conversationId)/payment-requests",
                                            role: .agent, json: Harness.depositJSON)
        #expect(created.status == 201)
        let payment = try created.decode(PaymentMessage.self)
        let url = try #require(payment.paymentUrl)
        #expect(url.hasPrefix(credentials.collectionUrl + "?token="))
        let page = try await testHTTPClient.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = String(buffer: try await page.body.collect(upTo: 1 << 20))
        #expect(page.status.code == 200 && body.contains("Deposit for order 1042") && body.contains("Pay by card"))
    }
}
