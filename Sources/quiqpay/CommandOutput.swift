import Foundation
import PaymentCore

/// Where commands write: stdout for results (JSON only with --json), stderr for the rest.
struct Output: Sendable {
    let json: Bool

    func result(_ text: @autoclosure () -> String) {
        if !json { print(text()) }
    }

    func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// A payment: as JSON with --json, else as `text`.
    func show(_ message: PaymentMessage, text: (PaymentMessage) -> String) {
        if json { emit(message) } else { result(text(message)) }
    }

    /// One JSON value on one line of stdout.
    func emit<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let line = String(data: data, encoding: .utf8) else {
            note("a result could not be written as JSON")
            return
        }
        print(line)
        fflush(nil)
    }
}
