import AsyncHTTPClient
import Foundation
import PaymentCore
@testable import Sandbox
import Testing
import TestSupport

/// `quiqpay sandbox` as a subprocess: it runs the reference Client in the same process and
/// registers it, so a payment link created at once lands on a real payment page.
@Suite("quiqpay sandbox command", .serialized)
struct SandboxCommandTests {
    @Test("the reference Client runs in-process, is the collection URL, and a payment's link lands on its page")
    func registersReferenceClient() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sandbox = SandboxProcess(dataDirectory: directory)
        try await sandbox.start()
        defer { sandbox.stop() }

        let credentials = try sandbox.sandboxCredentials()
        #expect(credentials.collectionUrl.hasSuffix("/pay") && !credentials.collectionUrl.hasPrefix(sandbox.baseURL))
        let client = RawClient(baseURL: sandbox.baseURL, credentials: credentials)
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
