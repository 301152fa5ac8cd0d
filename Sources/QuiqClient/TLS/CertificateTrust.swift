import Foundation
import NIOSSL

/// Which certificate authorities `QuiqAPI` trusts for an https site: the system's roots, or
/// exactly the CA certificates of one PEM file (`QUIQ_CA_FILE`, `caFile` in config.yaml, or the
/// CA a `--tls-self-signed` sandbox wrote next to its `sandbox.json`). Verification and host
/// names are always checked: there is no way to trust anything.
public struct CertificateTrust: Sendable {
    /// The PEM file, when not the system's roots.
    public let caFile: String?
    /// Where the file was named ("QUIQ_CA_FILE", "caFile in config.yaml"), for the sentences.
    public let source: String?
    let certificates: [NIOSSLCertificate]

    /// The system's trusted roots (what a real tenant's certificate chains to).
    public static let systemRoots = CertificateTrust(caFile: nil, source: nil, certificates: [])

    private init(caFile: String?, source: String?, certificates: [NIOSSLCertificate]) {
        self.caFile = caFile
        self.source = source
        self.certificates = certificates
    }

    /// The CA certificates in the PEM file at `path`, named by `source`. A file that is missing,
    /// unreadable or holds no certificate is an error now, rather than every request failing later.
    public static func caFile(_ path: String, source: String) throws(ConfigurationError) -> CertificateTrust {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .invalidCAFile(path: path, source: source, reason: "does not exist")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw .invalidCAFile(path: path, source: source, reason: "is not a readable file")
        }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(Array(data))
        } catch {
            throw .invalidCAFile(path: path, source: source, reason: "is not a PEM certificate")
        }
        guard !certificates.isEmpty else { throw .invalidCAFile(path: path, source: source, reason: "holds no PEM certificate") }
        return CertificateTrust(caFile: path, source: source, certificates: certificates)
    }

    /// What is trusted, as the middle of a sentence ("the system's roots", "only the CA in X (QUIQ_CA_FILE)").
    public var trusted: String {
        guard let caFile else { return "the system's roots" }
        return "only the CA in \(caFile)" + (source.map { " (\($0))" } ?? "")
    }

    /// The client side of TLS: full verification, host names checked, against these roots
    /// (public for a benchmark's own HTTP client, which must trust what the console trusts).
    public var clientConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if !certificates.isEmpty { configuration.trustRoots = .certificates(certificates) }
        return configuration
    }
}
