import Foundation
import NIOSSL
import QuiqpayFiles

/// How the sandbox serves HTTPS, as a real tenant does: nil in `SandboxConfiguration.tls` is plain
/// HTTP on loopback.
public enum SandboxTLS: Sendable {
    /// A certificate chain (leaf first) and its private key, both PEM files (`--tls-cert`, `--tls-key`).
    case files(certificate: String, key: String)
    /// A CA of its own and a certificate for the loopback names (`--tls-self-signed`). With a data
    /// directory the CA is kept there (`sandbox-ca.pem`, its key `sandbox-ca-key.pem` 0600) and reused,
    /// so a client keeps trusting it across restarts; the server's key stays in memory.
    case selfSigned
    /// A chain and key already in memory (tests, embedding).
    case identity(ServerIdentity)
}

/// What the sandbox serves TLS with: the server configuration, and the CA a client must trust
/// when the sandbox made it.
struct SandboxTLSSetup: Sendable {
    var configuration: TLSConfiguration
    /// The self-signed CA's certificate, PEM (nil for `.files` and `.identity`).
    var caCertificatePEM: String?

    static func make(_ tls: SandboxTLS, dataDirectory: String?) throws(SandboxStartError) -> SandboxTLSSetup {
        switch tls {
        case .files(let certificatePath, let keyPath):
            for (path, what) in [(certificatePath, "--tls-cert"), (keyPath, "--tls-key")] where !FileManager.default.isReadableFile(atPath: path) {
                throw .tls("\(path) (\(what)) does not exist or cannot be read; give a readable PEM file")
            }
            let chain: [NIOSSLCertificate]
            do {
                chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
            } catch {
                throw .tls("\(certificatePath) is not a PEM certificate chain; give the server's certificate, then its intermediates")
            }
            guard !chain.isEmpty else { throw .tls("\(certificatePath) holds no certificate; give a PEM certificate chain") }
            let key: NIOSSLPrivateKey
            do {
                key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
            } catch {
                throw .tls("\(keyPath) is not an unencrypted PEM private key; give the key of --tls-cert, without a passphrase")
            }
            return SandboxTLSSetup(configuration: try server(chain: chain, key: key), caCertificatePEM: nil)
        case .identity(let identity):
            return SandboxTLSSetup(configuration: try server(identity), caCertificatePEM: nil)
        case .selfSigned:
            let authority = try loadOrMakeAuthority(dataDirectory: dataDirectory)
            let identity: ServerIdentity
            do {
                identity = try authority.issueServerCertificate()
            } catch {
                throw .tls(error.description)
            }
            return SandboxTLSSetup(configuration: try server(identity), caCertificatePEM: authority.certificatePEM)
        }
    }

    private static func server(_ identity: ServerIdentity) throws(SandboxStartError) -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificateChainPEM.utf8))
            let key = try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem)
            return try server(chain: chain, key: key)
        } catch let error as SandboxStartError {
            throw error
        } catch {
            throw .tls("the server certificate or key is not PEM NIOSSL can read")
        }
    }

    private static func server(chain: [NIOSSLCertificate], key: NIOSSLPrivateKey) throws(SandboxStartError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        // A key that does not belong to the certificate fails here, at start, not at the first handshake.
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tls("the private key does not match the certificate, or one of them is unusable; give the certificate's own key")
        }
        return configuration
    }

    /// The CA kept in the data directory, or a new one written there (the key through
    /// `SecretFile`, 0600). A CA that expires within a day is replaced.
    private static func loadOrMakeAuthority(dataDirectory: String?) throws(SandboxStartError) -> CertificateAuthority {
        guard let dataDirectory else {
            do { return try CertificateAuthority.make() } catch { throw .tls(error.description) }
        }
        do throws(SecretFileError) { try SecretFile.makeDirectory(dataDirectory) } catch { throw .file(error.reason) }
        let certificatePath = SandboxDescriptor.caCertificatePath(inDataDirectory: dataDirectory)
        let keyPath = SandboxDescriptor.caKeyPath(inDataDirectory: dataDirectory)
        // Any of these failing (missing, unreadable, not a CA, expiring) just means a new CA below.
        if let certificate = try? String(contentsOfFile: certificatePath, encoding: .utf8),
           let key = try? String(contentsOfFile: keyPath, encoding: .utf8),
           let kept = try? CertificateAuthority(certificatePEM: certificate, privateKeyPEM: key),
           kept.notValidAfter > Date().addingTimeInterval(86_400) {
            return kept
        }
        // A new CA, which clients must be given again (the same path: QUIQ_CA_FILE keeps working).
        let authority: CertificateAuthority
        do { authority = try CertificateAuthority.make() } catch { throw .tls(error.description) }
        do throws(SecretFileError) {
            try SecretFile.write(Data(authority.privateKeyPEM.utf8), to: keyPath)
            try SecretFile.write(Data(authority.certificatePEM.utf8), to: certificatePath)
        } catch {
            throw .file(error.reason)
        }
        return authority
    }
}
