import Foundation

/// The opaque `changedSince` cursor of the changes feed. It says which database it belongs
/// to, from which change number on changes are news, how far a full pass has come (while one
/// is under way), and when it was issued (the feed answers for `ChangeCursor.retention`).
struct ChangeCursor: Sendable, Equatable {
    var epoch: String
    /// Changes with a greater number are news.
    var since: Int64
    /// During the full pass that starts the feed: the change number of the last member sent.
    var fullPassAfter: Int64?
    /// Milliseconds since 1970.
    var issuedAt: Int64

    /// How long a cursor stays good: the feed keeps a day of changes, as a platform that
    /// prunes its log would; an older cursor is answered `410 cursor_expired`.
    static let retention: Int64 = 24 * 3600 * 1000

    /// The value of `changedSince` that starts the feed with a full pass.
    static let start = "0"

    var encoded: String {
        Base64URL.encode(Array("c1:\(epoch):\(since):\(fullPassAfter.map(String.init) ?? "-"):\(issuedAt)".utf8))
    }

    /// Nil unless `text` is a cursor this sandbox wrote (of any database).
    init?(decoding text: String) {
        guard let bytes = Base64URL.decode(text), let plain = String(bytes: bytes, encoding: .utf8) else { return nil }
        let parts = plain.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "c1", !parts[1].isEmpty,
              let since = Int64(parts[2]), since >= 0, let issuedAt = Int64(parts[4]) else { return nil }
        var fullPassAfter: Int64?
        if parts[3] != "-" {
            guard let after = Int64(parts[3]), after >= 0 else { return nil }
            fullPassAfter = after
        }
        self.init(epoch: String(parts[1]), since: since, fullPassAfter: fullPassAfter, issuedAt: issuedAt)
    }

    init(epoch: String, since: Int64, fullPassAfter: Int64?, issuedAt: Int64) {
        self.epoch = epoch
        self.since = since
        self.fullPassAfter = fullPassAfter
        self.issuedAt = issuedAt
    }
}
