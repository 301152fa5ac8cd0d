import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Why a TLS connection to the platform was refused by quiqpay (never silently accepted).
public enum CertificateProblem: Sendable, Hashable {
    /// The chain does not lead to a CA quiqpay trusts; `trusted` says what it trusts.
    case untrusted(trusted: String)
    /// A certificate of the chain has expired or is not valid yet.
    case expired
    /// The certificate does not name the host quiqpay connected to.
    case wrongHost(String)
    /// No TLS session at all (the port speaks plain HTTP, or no common protocol): why.
    case handshake(String)
}

extension CertificateProblem {
    /// The problem `error` is, when it is a TLS failure; nil for anything else. A failed chain
    /// verification is looked at once more (`CertificateProbe`) to tell an expired certificate
    /// from an unknown CA, since BoringSSL's error says only "verify failed".
    static func of(_ error: any Error, baseURL: String, trust: CertificateTrust) async -> CertificateProblem? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return .wrongHost(URLComponents(string: baseURL)?.host ?? baseURL)
        }
        guard let ssl = error as? NIOSSLError else { return nil }
        switch ssl {
        case .handshakeFailed(.sslError(let stack)), .handshakeFailed(.unknownError(let stack)):
            let text = stack.map { "\($0)" }.joined(separator: " ")
            if text.contains("CERTIFICATE_VERIFY_FAILED") {
                let chain = await CertificateProbe.peerChain(baseURL: baseURL)
                return CertificateProbe.isOutOfDate(chain, now: Date()) ? .expired : .untrusted(trusted: trust.trusted)
            }
            if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") {
                return .handshake("it does not answer TLS on that port")
            }
            return .handshake("the TLS handshake failed")
        case .handshakeFailed:
            return .handshake("the TLS handshake failed")
        default:
            return nil
        }
    }
}

/// Reads the certificate chain a server presents, to say why it was refused. The probe's own
/// verification always answers "failed": the handshake never completes and nothing is sent,
/// so it can never become a trusted connection.
enum CertificateProbe {
    private final class Captured: Sendable {
        let chain = Mutex<[NIOSSLCertificate]>([])
    }

    /// The chain, or empty when it could not be read within 3 s.
    static func peerChain(baseURL: String) async -> [NIOSSLCertificate] {
        guard let components = URLComponents(string: baseURL), let rawHost = components.host else { return [] }
        let host = rawHost.hasPrefix("[") ? String(rawHost.dropFirst().dropLast()) : rawHost
        let port = components.port ?? 443
        let isAddress = host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
        let captured = Captured()
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: TLSConfiguration.makeClientConfiguration())
        } catch {
            return []
        }
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(3))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let look: NIOSSLCustomVerificationCallback = { chain, promise in
                        captured.chain.withLock { $0 = chain }
                        promise.succeed(NIOSSLVerificationResult.failed)  // never trusted: the probe only looks
                    }
                    let handler = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host,
                                                          customVerificationCallback: look)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        do {
            let channel: any Channel = try await bootstrap.connect(host: host, port: port).get()
            // The failed verification closes the channel; a silent server is closed after 3 s.
            let deadline = channel.eventLoop.scheduleTask(in: TimeAmount.seconds(3)) { channel.close(promise: nil) }
            try? await channel.closeFuture.get()  // closing is the expected end either way
            deadline.cancel()
        } catch {
            return captured.chain.withLock { $0 }
        }
        return captured.chain.withLock { $0 }
    }

    /// Whether any certificate of `chain` is outside its validity period at `now`.
    static func isOutOfDate(_ chain: [NIOSSLCertificate], now: Date) -> Bool {
        let seconds = time_t(now.timeIntervalSince1970)
        return chain.contains { seconds < $0.notValidBefore || seconds > $0.notValidAfter }
    }
}
