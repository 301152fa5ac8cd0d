import Synchronization

/// Every request a server received, one string each (method, path with query, body).
final class RequestLog: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }
}
