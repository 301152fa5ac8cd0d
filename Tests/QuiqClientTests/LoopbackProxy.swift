import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 proxy on loopback, written on plain sockets, for what a real network does
/// to the client: it can rewrite each request line (an alias path, as a tenant's gateway
/// would) and drop the first responses (an answer lost after the platform acted).
final class LoopbackProxy: @unchecked Sendable {
    /// Maps a request line ("GET /a HTTP/1.1") to the one sent upstream; nil answers 404.
    typealias Rewrite = @Sendable (String) -> String?

    let port: Int
    private let listener: Int32
    private let upstreamPort: Int
    private let rewrite: Rewrite
    private let dropsLeft: Mutex<Int>
    private let stopped = Atomic<Bool>(false)
    let requestLines = Mutex<[String]>([])

    /// Raw responses served, in order, to the first requests instead of forwarding them.
    private let canned: Mutex<[String]>

    /// Seconds each forwarded request is held, so overlapping requests can be counted.
    private let delay: Double
    private let inFlight = Mutex<(now: Int, peak: Int)>((0, 0))
    /// The most requests that were being forwarded at the same time.
    var peak: Int { inFlight.withLock { $0.peak } }

    init(upstreamPort: Int, dropFirstResponses: Int = 0, canned: [String] = [], delay: Double = 0,
         rewrite: @escaping Rewrite = { $0 }) throws {
        self.upstreamPort = upstreamPort
        self.delay = delay
        self.canned = Mutex(canned)
        self.rewrite = rewrite
        self.dropsLeft = Mutex(dropFirstResponses)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = LoopbackProxy.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: actual.sin_port))
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .relaxed) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            Thread { [self] in serve(client) }.start()
        }
    }

    /// Reads requests one by one from the client, forwards each upstream on a fresh connection,
    /// and relays (or drops) the response.
    private func serve(_ client: Int32) {
        defer { close(client) }
        var buffer = [UInt8]()
        while true {
            guard let (head, body) = readMessage(client, &buffer) else { return }
            var lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
            requestLines.withLock { $0.append(lines[0]) }
            let answer = canned.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            if let answer {
                guard writeAll(client, Array(answer.utf8)) else { return }
                continue
            }
            guard let line = rewrite(lines[0]) else {
                let text = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                _ = writeAll(client, Array(text.utf8))
                continue
            }
            lines[0] = line
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            lines = lines.filter { !$0.lowercased().hasPrefix("connection:") }
            lines.insert("Connection: close", at: lines.count - 2)
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = LoopbackProxy.loopback(port: upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                inFlight.withLock { $0.now -= 1 }
                close(upstream)
                return
            }
            _ = writeAll(upstream, Array(lines.joined(separator: "\r\n").utf8) + body)
            var response = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(upstream, &chunk, chunk.count)
                if count <= 0 { break }
                response += chunk[0..<count]
            }
            close(upstream)
            // Counted out before the client can hear the answer and send its next request.
            inFlight.withLock { $0.now -= 1 }
            let drop = dropsLeft.withLock { left in
                if left > 0 { left -= 1; return true }
                return false
            }
            if drop { return }  // the platform acted; its answer is lost with the connection
            guard writeAll(client, Self.closing(response)) else { return }
            return  // upstream said Connection: close, so does this connection
        }
    }

    /// One HTTP message (head up to the blank line, then Content-Length bytes of body).
    private func readMessage(_ fd: Int32, _ buffer: inout [UInt8]) -> ([UInt8], [UInt8])? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let separator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = buffer.firstRange(of: separator) {
                let head = Array(buffer[..<end.upperBound])
                let text = String(decoding: head, as: UTF8.self).lowercased()
                var length = 0
                for line in text.components(separatedBy: "\r\n") where line.hasPrefix("content-length:") {
                    length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
                while buffer.count < head.count + length {
                    let count = read(fd, &chunk, chunk.count)
                    if count <= 0 { return nil }
                    buffer += chunk[0..<count]
                }
                let body = Array(buffer[head.count..<(head.count + length)])
                buffer.removeFirst(head.count + length)
                return (head, body)
            }
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { return nil }
            buffer += chunk[0..<count]
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// The response with `Connection: close`, since this proxy closes after each one.
    static func closing(_ response: [UInt8]) -> [UInt8] {
        guard let end = response.firstRange(of: [13, 10, 13, 10]) else { return response }
        let head = String(decoding: response[..<end.lowerBound], as: UTF8.self)
        let kept = head.components(separatedBy: "\r\n").filter { !$0.lowercased().hasPrefix("connection:") }
        return Array((kept + ["Connection: close"]).joined(separator: "\r\n").utf8) + Array(response[end.lowerBound...])
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A port that was free a moment ago (for restarting a sandbox on the same address): a
    /// `ClosedPort` let go at once.
    static func freePort() -> Int { ClosedPort().port }
}

/// A loopback port that refuses every connection for as long as this lives: bound but never
/// listening, so no other test's server can take it meanwhile, as one can take a port that was
/// merely free a moment ago (`freePort`).
final class ClosedPort: Sendable {
    let port: Int
    private let descriptor: Int32

    init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = LoopbackProxy.loopback(port: 0)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: actual.sin_port))
    }

    deinit { close(descriptor) }
}
