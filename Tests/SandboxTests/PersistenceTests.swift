import QuiqpayFiles
import Foundation
import PaymentCore
import Testing
import TestSupport
@testable import Sandbox

@Suite("Persistence")
struct PersistenceTests {
    @Test("stop and start on the same data directory: payments, keys, signing key and old tokens survive; secret files are 0600")
    func restart() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await Harness.start(dataDirectory: directory)
        let payment: PaymentMessage
        let credentials = first.credentials
        let jwks: Data
        do {
            payment = try await first.create()
            jwks = try await first.send(.GET, "/.well-known/jwks.json").body
        } catch {
            await first.stop()
            throw error
        }
        await first.stop()

        for file in ["sandbox.json", "signing-key.pem"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + file)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(file)")
        }
        let onDisk = try JSONDecoder().decode(SandboxDescriptor.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/sandbox.json")))
        #expect(onDisk == credentials)
        let database = try Data(contentsOf: URL(fileURLWithPath: directory + "/sandbox.sqlite"))
        #expect(database.range(of: Data(credentials.paymentKey.utf8)) == nil)
        #expect(database.range(of: Data((credentials.agent?.secret ?? "-").utf8)) == nil)

        let second = try await Harness.start(dataDirectory: directory, clock: first.clock)
        do {
            #expect(second.credentials.keys == credentials.keys)
            #expect(second.credentials.paymentKey == credentials.paymentKey)
            #expect(second.credentials.conversationId == credentials.conversationId)
            #expect(try await second.send(.GET, "/.well-known/jwks.json").body == jwks)
            let read = try await second.send(.GET, "/api/v1/payment-requests/\(payment.id)", as: .agent)
            #expect(read.status == 200)
            #expect(try read.decode(PaymentMessage.self).payment == payment.payment)
            let token = try #require(payment.token)
            #expect(try await second.clientRead(token).status == 200)
            #expect(try await second.reply(token, #"{"outcome":"success"}"#).status == 200)
        } catch {
            await second.stop()
            throw error
        }
        await second.stop()
    }

    @Test("the real binary: SIGKILL right after a 201, restart, and the payment is still there")
    func killDashNine() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sandbox = SandboxProcess(dataDirectory: directory)
        try await sandbox.start()
        let credentials = try sandbox.sandboxCredentials()
        let harnessless = RawClient(baseURL: sandbox.baseURL, credentials: credentials)
        let created = try await harnessless.send(.POST, "/api/v1/messaging/conversations/\(credentials.conversationId)/payment-requests",
                                                 role: .agent, json: Harness.depositJSON)
        sandbox.kill()
        #expect(created.status == 201)
        let payment = try created.decode(PaymentMessage.self)

        try await sandbox.start()
        defer { sandbox.stop() }
        let client = RawClient(baseURL: sandbox.baseURL, credentials: try sandbox.sandboxCredentials())
        let read = try await client.send(.GET, "/api/v1/payment-requests/\(payment.id)", role: .agent)
        #expect(read.status == 200)
        #expect(try read.decode(PaymentMessage.self).payment.description == "Deposit for order 1042")
    }
}
