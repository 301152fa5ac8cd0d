/// A secret held in memory (a key, an `Authorization` value): printing, interpolating or
/// dumping it, or the struct that holds it, shows `<redacted>`, so no log line or debugger
/// print can leak it. Read `value` only where the secret goes on the wire.
struct Redacted: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String

    init(_ value: String) { self.value = value }

    var description: String { "<redacted>" }
    var debugDescription: String { "<redacted>" }
    var customMirror: Mirror { Mirror(self, children: KeyValuePairs<String, Any>()) }
}
