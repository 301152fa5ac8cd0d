import Logging
import Synchronization

/// A LogHandler that keeps every line (message and metadata) so a test can assert that no
/// secret and no card number was ever logged (the sandbox's and the reference Client's tests).
public final class LogCapture: Sendable {
    public init() {}

    private let lines = Mutex<[String]>([])

    public var all: [String] { lines.withLock { $0 } }

    public func append(_ line: String) { lines.withLock { $0.append(line) } }

    public func logger(label: String) -> Logger {
        var logger = Logger(label: label) { label in Handler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(event.level) \(label) \(event.message) \(rendered) \(event.error.map { "\($0)" } ?? "") \(event.source)")
        }
    }
}
