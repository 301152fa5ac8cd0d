/// Why the local journal could not be used; one sentence with what to do.
public struct JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "The journal at \(path) cannot be used (\(reason)): check the disk and its permissions, or move the file aside."
    }
}
