import Foundation
import Screen
import Testing

/// Compares `frame` (text, roles and cursor) with `__Snapshots__/NAME.txt`.
/// A missing snapshot is written and the test fails, so a new one is looked at once;
/// `QUIQPAY_RECORD_SNAPSHOTS=1` rewrites them all after an intended change.
func assertSnapshot(_ frame: Frame, _ name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent("\(name).txt")
    let actual = frame.snapshot()
    let record = ProcessInfo.processInfo.environment["QUIQPAY_RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            if !record { Issue.record("Recorded new snapshot \(name); check it and run again.", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("Could not write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    if expected != actual {
        let firstDifference = zip(expected.split(separator: "\n"), actual.split(separator: "\n")).enumerated()
            .first { $0.element.0 != $0.element.1 }
        let detail = firstDifference.map { "line \($0.offset + 1):\n expected \($0.element.0)\n actual   \($0.element.1)" } ?? "length differs"
        Issue.record("Snapshot \(name) changed (\(detail)). If intended, rerun with QUIQPAY_RECORD_SNAPSHOTS=1.", sourceLocation: sourceLocation)
    }
}
