import Foundation
import PaymentCore
import QuiqClient
import Sandbox
import Testing
import TestSupport

/// The commands against a sandbox serving real TLS on loopback, with a CA made in the test:
/// trusted through `QUIQ_CA_FILE`, and refused, in one sentence with exit code 3, when the CA,
/// the host name or the dates are wrong.
@Suite("HTTPS: the commands against a sandbox serving TLS")
struct HTTPSCommandTests {
    /// A CA of the test's, written to a PEM file, and a sandbox serving a certificate it issued.
    struct Site {
        let authority: CertificateAuthority
        let caFile: String
        let sandbox: TestSandbox
    }

    static func site(names: [String] = CertificateAuthority.loopbackNames,
                     notAfter: Date = Date().addingTimeInterval(86_400)) async throws -> Site {
        let authority = try CertificateAuthority.make(commonName: "quiqpay test CA")
        let caFile = temporaryDirectory("ca") + "/ca.pem"
        try authority.certificatePEM.write(toFile: caFile, atomically: true, encoding: .utf8)
        let identity = try authority.issueServerCertificate(names: names, notBefore: Date().addingTimeInterval(-7200), notAfter: notAfter)
        let sandbox = try await TestSandbox.start(tls: .identity(identity), caFile: caFile)
        return Site(authority: authority, caFile: caFile, sandbox: sandbox)
    }

    /// Another CA's certificate, in a PEM file: what a wrong QUIQ_CA_FILE points at.
    static func otherCA() throws -> String {
        let path = temporaryDirectory("other-ca") + "/other.pem"
        try CertificateAuthority.make(commonName: "some other CA").certificatePEM.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("send, status and watch work over HTTPS with QUIQ_CA_FILE")
    func sendStatusWatch() async throws {
        let site = try await Self.site()
        let sandbox = site.sandbox
        #expect(sandbox.baseURL.hasPrefix("https://127.0.0.1:"))
        let cli = try QuiqPayProcess(sandbox: sandbox)
        let trust = ["QUIQ_CA_FILE": site.caFile]

        let sent = try await cli.run(["send", "--json", "--description", "Over TLS", "--amount", "12.50"], extra: trust)
        #expect(sent.status == 0, "\(sent.stderr)")
        let payment = try sent.json(PaymentMessage.self)
        #expect(payment.payment.amount == 1_250)
        #expect(payment.shortUrl?.hasPrefix(sandbox.baseURL) == true)

        let status = try await cli.run(["status", payment.id], extra: trust)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("status       pending"))

        let token = try #require(payment.token)
        let watched = try await cli.run(["watch", payment.id, "--until-done"], extra: trust) { stdoutSoFar in
            // The Client's read and reply go over TLS too; each waits for watch to show the step before.
            let deadline = ContinuousClock.now + .seconds(20)
            while !stdoutSoFar().contains("pending"), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try await sandbox.clientRead(token: token) == 200)
            while !stdoutSoFar().contains("-> opened"), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try await sandbox.clientReply(token: token, outcome: .success) == 200)
        }
        #expect(watched.status == 0, "\(watched.stderr)")
        #expect(watched.stdout.contains("pending -> opened"), "\(watched.stdout)")
        #expect(watched.stdout.contains("opened -> paid"), "\(watched.stdout)")
        await sandbox.stop()
    }

    @Test("a wrong CA, or none, is refused in one sentence with exit code 3")
    func wrongCA() async throws {
        let site = try await Self.site()
        let cli = try QuiqPayProcess(sandbox: site.sandbox)
        let other = try Self.otherCA()
        let base = site.sandbox.baseURL

        let wrong = try await cli.run(["send", "--description", "Refused", "--amount", "1"], extra: ["QUIQ_CA_FILE": other])
        #expect(wrong.status == 3)
        #expect(wrong.stdout.isEmpty)
        #expect(wrong.stderr == "error: The site's certificate at \(base) is not signed by a CA quiqpay trusts (it trusts only the CA in \(other) (QUIQ_CA_FILE)): set QUIQ_CA_FILE to its CA, or caFile in config.yaml.\n")

        let none = try await cli.run(["status", UUID().uuidString.lowercased(), "--json"])
        #expect(none.status == 3)
        #expect(none.stderr.contains("is not signed by a CA quiqpay trusts (it trusts the system's roots)"), "\(none.stderr)")
        struct ErrorBody: Decodable { struct Detail: Decodable { var code: String; var exitCode: Int32 }; var error: Detail }
        let body = try JSONDecoder().decode(ErrorBody.self, from: Data(none.stdout.utf8))
        #expect(body.error.code == "certificate" && body.error.exitCode == 3)

        // caFile in config.yaml is the same trust, one layer down; QUIQ_CA_FILE overrides it.
        try cli.writeConfig("caFile: \(other)\n")
        let fromConfig = try await cli.run(["send", "--description", "Refused", "--amount", "1"])
        #expect(fromConfig.status == 3)
        #expect(fromConfig.stderr.contains("(caFile in "), "\(fromConfig.stderr)")
        let overridden = try await cli.run(["send", "--description", "Trusted", "--amount", "1"], extra: ["QUIQ_CA_FILE": site.caFile])
        #expect(overridden.status == 0, "\(overridden.stderr)")
        #expect(try await site.sandbox.createPayment().status == .pending)  // nothing refused on the platform's side
        await site.sandbox.stop()
    }

    @Test("an expired certificate and one for another host say so; a CA file that is not PEM is bad input")
    func expiredAndWrongHost() async throws {
        let expired = try await Self.site(notAfter: Date().addingTimeInterval(-3600))
        let cli = try QuiqPayProcess(sandbox: expired.sandbox)
        let old = try await cli.run(["status", UUID().uuidString.lowercased()], extra: ["QUIQ_CA_FILE": expired.caFile])
        #expect(old.status == 3)
        #expect(old.stderr == "error: The site's certificate at \(expired.sandbox.baseURL) has expired or is not valid yet: renew it on the server, or check this machine's clock.\n")
        await expired.sandbox.stop()

        let elsewhere = try await Self.site(names: ["payments.example.test"])
        let other = try QuiqPayProcess(sandbox: elsewhere.sandbox)
        let wrongHost = try await other.run(["status", UUID().uuidString.lowercased()], extra: ["QUIQ_CA_FILE": elsewhere.caFile])
        #expect(wrongHost.status == 3)
        #expect(wrongHost.stderr == "error: The site's certificate at \(elsewhere.sandbox.baseURL) is not issued for 127.0.0.1: use a name the certificate names in QUIQ_SITE, or reissue it for 127.0.0.1.\n")

        let notPEM = temporaryDirectory("not-pem") + "/ca.pem"
        try "not a certificate\n".write(toFile: notPEM, atomically: true, encoding: .utf8)
        let bad = try await other.run(["status", UUID().uuidString.lowercased()], extra: ["QUIQ_CA_FILE": notPEM])
        #expect(bad.status == 2)
        #expect(bad.stderr == "error: The CA file \(notPEM) (QUIQ_CA_FILE) holds no PEM certificate: set it to the site's CA certificate in PEM.\n"
                || bad.stderr == "error: The CA file \(notPEM) (QUIQ_CA_FILE) is not a PEM certificate: set it to the site's CA certificate in PEM.\n",
                "\(bad.stderr)")
        await elsewhere.sandbox.stop()
    }

    @Test("quiqpay sandbox --tls-self-signed writes its CA next to sandbox.json, keys 0600, and the commands on that folder trust it")
    func selfSignedSandbox() async throws {
        let data = temporaryDirectory("tls-sandbox")
        let process = SandboxProcess(dataDirectory: data, environment: ["HOME": data, "PATH": "/usr/bin:/bin"])
        try await process.start(arguments: ["--tls-self-signed"])
        defer { process.stop() }
        #expect(process.baseURL.hasPrefix("https://127.0.0.1:"))
        let caPath = process.sandboxDirectory + "/sandbox-ca.pem"
        #expect(process.output.contains("CA certificate: \(caPath)"), "\(process.output)")
        #expect(!process.output.contains("PRIVATE KEY"))
        let ca = try String(contentsOfFile: caPath, encoding: .utf8)
        #expect(ca.hasPrefix("-----BEGIN CERTIFICATE-----") && !ca.contains("PRIVATE KEY"))
        let key = process.sandboxDirectory + "/sandbox-ca-key.pem"
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect((process.credentials()?["caFile"] as? String) == caPath)

        // The same --data-dir: sandbox.json says which CA to trust; nothing else to set.
        let cli = try QuiqPayProcess(sandbox: nil)
        let sent = try await cli.run(["send", "--json", "--data-dir", data, "--description", "Self-signed", "--amount", "3"])
        #expect(sent.status == 0, "\(sent.stderr)")
        // Another folder with QUIQ_CA_FILE pointing at that CA, as a console elsewhere would.
        let status = try await cli.run(["status", try sent.json(PaymentMessage.self).id, "--data-dir", data],
                                       extra: ["QUIQ_CA_FILE": caPath])
        #expect(status.status == 0, "\(status.stderr)")
        // The benchmarks trust it the same way, from the sandbox.json they are given.
        let bench = try await cli.run(["bench", "board", "--credentials", process.sandboxDirectory + "/sandbox.json",
                                       "--payments", "2", "--seed-only"])
        #expect(bench.status == 0, "\(bench.stderr)")

        // A restart keeps the CA, so a client given it once keeps trusting the sandbox.
        let port = try #require(process.port)
        process.stop()
        try await process.start(port: port, arguments: ["--tls-self-signed"])
        #expect(try String(contentsOfFile: caPath, encoding: .utf8) == ca)
        let again = try await cli.run(["status", try sent.json(PaymentMessage.self).id, "--data-dir", data], extra: ["QUIQ_CA_FILE": caPath])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test("quiqpay sandbox --tls-cert/--tls-key serves a certificate of the test's CA; a key of another certificate is refused at start")
    func certificateFiles() async throws {
        let authority = try CertificateAuthority.make(commonName: "quiqpay files CA")
        let folder = temporaryDirectory("tls-files")
        let identity = try authority.issueServerCertificate()
        try identity.certificateChainPEM.write(toFile: folder + "/cert.pem", atomically: true, encoding: .utf8)
        try identity.privateKeyPEM.write(toFile: folder + "/key.pem", atomically: true, encoding: .utf8)
        try authority.certificatePEM.write(toFile: folder + "/ca.pem", atomically: true, encoding: .utf8)
        let environment = ["HOME": folder, "PATH": "/usr/bin:/bin", "QUIQ_CA_FILE": folder + "/ca.pem"]
        let process = SandboxProcess(dataDirectory: folder + "/data", environment: environment)
        try await process.start(arguments: ["--tls-cert", folder + "/cert.pem", "--tls-key", folder + "/key.pem"])
        defer { process.stop() }
        #expect(process.baseURL.hasPrefix("https://"))
        let cli = try QuiqPayProcess(sandbox: nil)
        let sent = try await cli.run(["send", "--data-dir", folder + "/data", "--description", "Files", "--amount", "2"],
                                     extra: ["QUIQ_CA_FILE": folder + "/ca.pem"])
        #expect(sent.status == 0, "\(sent.stderr)")

        let stranger = try authority.issueServerCertificate()
        try stranger.privateKeyPEM.write(toFile: folder + "/stranger.pem", atomically: true, encoding: .utf8)
        let refused = SandboxProcess(dataDirectory: folder + "/data2", environment: environment)
        await #expect(throws: SandboxProcess.Failure.self) {
            try await refused.start(arguments: ["--tls-cert", folder + "/cert.pem", "--tls-key", folder + "/stranger.pem"])
        }
        #expect(refused.output.contains("The sandbox cannot serve HTTPS: the private key does not match the certificate"), "\(refused.output)")

        let missing = SandboxProcess(dataDirectory: folder + "/data3", environment: environment)
        await #expect(throws: SandboxProcess.Failure.self) {
            try await missing.start(arguments: ["--tls-cert", folder + "/nope.pem", "--tls-key", folder + "/key.pem"])
        }
        #expect(missing.output.contains("The sandbox cannot serve HTTPS: \(folder)/nope.pem (--tls-cert) does not exist or cannot be read"),
                "\(missing.output)")
        let half = try await cli.run(["sandbox", "--tls-cert", folder + "/cert.pem"])
        #expect(half.status != 0 && half.stderr.contains("Give --tls-cert and --tls-key together"), "\(half.stderr)")
        let both = try await cli.run(["sandbox", "--tls-self-signed", "--tls-cert", folder + "/cert.pem", "--tls-key", folder + "/key.pem"])
        #expect(both.status != 0 && both.stderr.contains("Give either --tls-self-signed or --tls-cert with --tls-key, not both."), "\(both.stderr)")
    }
}
