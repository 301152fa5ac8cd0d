import Crypto
import Foundation
import SwiftASN1
import X509

/// A small certificate authority made in process: what `quiqpay sandbox --tls-self-signed` signs
/// its server certificate with, and what tests make to run the sandbox over real TLS. Its private
/// key is a secret: `privateKeyPEM` is for `SecretFile` only, never for a screen or a log.
public struct CertificateAuthority: Sendable, CustomStringConvertible, CustomReflectable {
    /// The CA's certificate, PEM: what a client trusts (`QUIQ_CA_FILE`).
    public let certificatePEM: String
    private let certificate: Certificate
    private let key: P256.Signing.PrivateKey

    /// The names a loopback server answers to: `localhost`, `127.0.0.1` and `::1`.
    public static let loopbackNames = ["localhost", "127.0.0.1", "::1"]

    /// A new CA, valid from an hour ago (clocks drift) for `days`.
    public static func make(commonName: String = "quiqpay sandbox CA", days: Int = 3650) throws(CertificateError) -> CertificateAuthority {
        let key = P256.Signing.PrivateKey()
        do {
            let name = try DistinguishedName {
                OrganizationName("quiqpay")
                CommonName(commonName)
            }
            let now = Date()
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
                notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(Double(days) * 86_400),
                issuer: name, subject: name,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                },
                issuerPrivateKey: Certificate.PrivateKey(key))
            return try CertificateAuthority(certificate: certificate, key: key)
        } catch {
            throw CertificateError(what: "a CA could not be made", reason: "\(error)")
        }
    }

    /// The CA kept in `certificatePEM` and `privateKeyPEM` (as `SecretFile` wrote them).
    public init(certificatePEM: String, privateKeyPEM: String) throws(CertificateError) {
        do {
            try self.init(certificate: try Certificate(pemEncoded: certificatePEM),
                          key: try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM))
        } catch {
            throw CertificateError(what: "the CA files are not a quiqpay CA", reason: "\(error)")
        }
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
            throw CertificateError(what: "the CA files are not a quiqpay CA", reason: "the key does not match the certificate")
        }
    }

    private init(certificate: Certificate, key: P256.Signing.PrivateKey) throws {
        self.certificate = certificate
        self.key = key
        certificatePEM = try certificate.serializeAsPEM().pemString
    }

    /// The CA's private key, PEM (PKCS #8): a secret, to be written only through `SecretFile`.
    public var privateKeyPEM: String { key.pemRepresentation }

    /// When the CA stops being valid.
    public var notValidAfter: Date { certificate.notValidAfter }

    /// A server certificate for `names` (DNS names or IP addresses), valid from `notBefore` to
    /// `notAfter`, and its new key: PEM both (the key is a secret).
    public func issueServerCertificate(names: [String] = loopbackNames, notBefore: Date = Date().addingTimeInterval(-3600),
                                       notAfter: Date = Date().addingTimeInterval(30 * 86_400)) throws(CertificateError) -> ServerIdentity {
        let serverKey = P256.Signing.PrivateKey()
        do {
            let subject = try DistinguishedName {
                OrganizationName("quiqpay")
                CommonName(names.first ?? "localhost")
            }
            let alternativeNames = SubjectAlternativeNames(names.map(CertificateAuthority.generalName))
            let issued = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(serverKey.publicKey),
                notValidBefore: notBefore, notValidAfter: notAfter, issuer: certificate.subject, subject: subject,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.serverAuth])
                    alternativeNames
                },
                issuerPrivateKey: Certificate.PrivateKey(key))
            return ServerIdentity(certificateChainPEM: try issued.serializeAsPEM().pemString + "\n" + certificatePEM,
                                  privateKeyPEM: serverKey.pemRepresentation)
        } catch {
            throw CertificateError(what: "a server certificate could not be made", reason: "\(error)")
        }
    }

    /// An IP address as an iPAddress name (its bytes), anything else as a DNS name.
    private static func generalName(_ name: String) -> GeneralName {
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(withUnsafeBytes(of: &v4) { Array($0) })))
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(withUnsafeBytes(of: &v6) { Array($0) })))
        }
        return .dnsName(name)
    }

    public var description: String { "CertificateAuthority(\(certificate.subject); key hidden)" }
    public var customMirror: Mirror { Mirror(self, children: ["subject": "\(certificate.subject)", "key": "••••"]) }
}

/// A server's certificate chain (leaf first, then its CA) and private key, PEM. The key is a
/// secret: kept in memory or written through `SecretFile`, never shown.
public struct ServerIdentity: Sendable, CustomStringConvertible, CustomReflectable {
    public var certificateChainPEM: String
    public var privateKeyPEM: String

    public init(certificateChainPEM: String, privateKeyPEM: String) {
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
    }

    public var description: String { "ServerIdentity(key hidden)" }
    public var customMirror: Mirror { Mirror(self, children: ["certificateChainPEM": certificateChainPEM, "privateKeyPEM": "••••"]) }
}

/// Why a certificate could not be made or read: what failed, and the library's reason (never a key).
public struct CertificateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var what: String
    public var reason: String

    public var description: String { "\(what) (\(reason.prefix(160)))" }
}
