import ArgumentParser
import Foundation
import Logging
import ConsoleApp
import MerchantDemo
import QuiqpayFiles
import Sandbox

/// `quiqpay sandbox`: the embedded platform on its own, for scripts, curl and a Client under test.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the sandbox platform (API.md) on a loopback port.",
        discussion: """
            Prints its base URL, then serves until SIGINT or SIGTERM. Keys, the Payment Key and the
            demo conversation are created on first start and kept in DIR/sandbox/sandbox.json (mode 0600),
            where `quiqpay`, `send`, `status`, `watch` and `board` with the same --data-dir find it.
            Unless --collection-url is given, the reference Client (`quiqpay merchant`) runs in the same
            process and is registered as the Payment Collection URL, so payment links work at once.
            HTTPS: --tls-cert and --tls-key serve a certificate of yours (PEM; the Client trusts it through the
            system's roots or QUIQ_CA_FILE), or --tls-self-signed makes a CA and a certificate for localhost,
            127.0.0.1 and ::1, and writes the CA's certificate to DIR/sandbox/sandbox-ca.pem: point QUIQ_CA_FILE at it.
            """)

    @Option(help: "Port to listen on; 0 picks a free one (sandbox.json says which).")
    var port: Int = 8765

    @Option(help: "Interface to bind. Keep the loopback default unless you know why not.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("data-dir"), help: "quiqpay's data folder; the sandbox keeps its database, signing key and sandbox.json in DIR/sandbox (default: $XDG_DATA_HOME/quiqpay).")
    var dataDirectory: String?

    @Option(help: "The Payment Collection URL to configure; without it the reference Client runs in-process and is registered.")
    var collectionUrl: String?

    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS with this certificate chain (PEM, the server's certificate first).")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "The private key (PEM, unencrypted) of --tls-cert.")
    var tlsKey: String?

    @Flag(name: .customLong("tls-self-signed"), help: "Serve HTTPS with a CA of the sandbox's own, written to DIR/sandbox/sandbox-ca.pem for QUIQ_CA_FILE.")
    var tlsSelfSigned = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("Choose a --port from 0 to 65535.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("Choose a --log-level among trace, debug, info, notice, warning, error and critical.")
        }
        if tlsSelfSigned, tlsCertificate != nil || tlsKey != nil {
            throw ValidationError("Give either --tls-self-signed or --tls-cert with --tls-key, not both.")
        }
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("Give --tls-cert and --tls-key together: the certificate and its private key.")
        }
    }

    private var tls: SandboxTLS? {
        if tlsSelfSigned { return .selfSigned }
        if let tlsCertificate, let tlsKey { return .files(certificate: tlsCertificate, key: tlsKey) }
        return nil
    }

    func run() async throws {
        var logger = Logger(label: "quiqpay.sandbox") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let environment = ProcessInfo.processInfo.environment
        let paths = DataPaths(dataDirectory: dataDirectory, environment: environment)
        let directory = paths.sandboxDirectory
        let sandbox: RunningSandbox
        do {
            sandbox = try await RunningSandbox.start(SandboxConfiguration(
                host: host, port: port, dataDirectory: directory, collectionUrl: collectionUrl,
                logger: logger, stopsOnSignals: true, tls: tls))
        } catch let error as SandboxStartError {
            Output(json: false).note(error.description)
            throw ExitCode.failure
        }
        var merchant: RunningMerchant?
        if collectionUrl == nil {
            do {
                merchant = try await ReferenceClient.start(on: sandbox, caPEM: try clientCA(environment), logger: logger)
            } catch {
                Output(json: false).note("\(error)")
                await sandbox.stop()
                throw ExitCode.failure
            }
        }
        say("Sandbox running at \(sandbox.baseURL)")
        if let merchant {
            say("Reference Client at \(merchant.collectionURL) (registered as the collection URL)")
            say("Card processor at \(merchant.processorURL)")
        }
        say("Credentials: \(SandboxDescriptor.path(inDataDirectory: directory))")
        if sandbox.caCertificatePEM != nil {
            say("CA certificate: \(paths.sandboxCAPath) (trust it with QUIQ_CA_FILE)")
        }
        await sandbox.waitUntilStopped()
        await merchant?.stop()
        logger.info("sandbox stopped")
    }

    /// What the in-process Client trusts for a certificate of the user's (`--tls-cert`): QUIQ_CA_FILE,
    /// else the system's roots; a self-signed sandbox hands it its own CA.
    private func clientCA(_ environment: [String: String]) throws -> String? {
        guard tlsCertificate != nil, let path = environment["QUIQ_CA_FILE"], !path.isEmpty else { return nil }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure.badInput("QUIQ_CA_FILE names \(path), which cannot be read: set it to the CA certificate (PEM) that signed --tls-cert.")
        }
    }
}
