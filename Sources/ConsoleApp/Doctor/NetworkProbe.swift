import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two steps below HTTP that `quiqpay doctor` tells apart: the name resolves, and the port
/// takes a connection. Both block in the C library, so they run on a thread of their own, off
/// the event loops that carry the HTTP probes.
enum NetworkProbe {
    /// The numeric addresses `host` resolves to, or the resolver's reason.
    static func resolve(_ host: String) async -> Result<[String], ProbeFailure> {
        await offThread { lookUp(host) }
    }

    /// Connects to `host` (an address `resolve` gave) on `port` within `timeout` seconds.
    static func connect(_ address: String, port: Int, timeout: Double) async -> Result<Void, ProbeFailure> {
        await offThread { open(address, port: port, timeout: timeout) }
    }

    struct ProbeFailure: Error, Sendable {
        var reason: String
    }

    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.start()
        }
    }

    private static func lookUp(_ host: String) -> Result<[String], ProbeFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else { return .failure(ProbeFailure(reason: String(cString: gai_strerror(status)).lowercased())) }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var next = list
        while let entry = next {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(text) { addresses.append(text) }
            }
            next = entry.pointee.ai_next
        }
        return addresses.isEmpty ? .failure(ProbeFailure(reason: "no address")) : .success(addresses)
    }

    private static func open(_ address: String, port: Int, timeout: Double) -> Result<Void, ProbeFailure> {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(address, String(port), &hints, &list)
        guard status == 0, let entry = list else {
            return .failure(ProbeFailure(reason: String(cString: gai_strerror(status)).lowercased()))
        }
        defer { freeaddrinfo(list) }
        let fd = socket(entry.pointee.ai_family, entry.pointee.ai_socktype, entry.pointee.ai_protocol)
        guard fd >= 0 else { return .failure(ProbeFailure(reason: String(cString: strerror(errno)).lowercased())) }
        defer { close(fd) }
        // Linux bounds a blocking connect by the send timeout.
        var limit = timeval()
        limit.tv_sec = Int(timeout)
        limit.tv_usec = .init((timeout - timeout.rounded(.down)) * 1_000_000)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard systemConnect(fd, entry.pointee.ai_addr, entry.pointee.ai_addrlen) == 0 else {
            let code = errno
            let reason = code == EINPROGRESS || code == EAGAIN || code == ETIMEDOUT
                ? "no answer within \(Int(timeout)) s" : String(cString: strerror(code)).lowercased()
            return .failure(ProbeFailure(reason: reason))
        }
        return .success(())
    }
}

/// The C library's `connect`, which the enum's own `connect` hides.
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.connect(fd, address, length)
    #else
    Darwin.connect(fd, address, length)
    #endif
}
