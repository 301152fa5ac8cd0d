/// What `quiqpay --version` prints: the release and the commit the binary was built from.
enum Version {
    /// The release number; bump it when tagging a release.
    static let number = "0.1.0"

    /// `quiqpay 0.1.0 (commit 0123abcd…)`, or `(unknown commit)` when built from a tree without `.git`.
    static var line: String {
        "quiqpay \(number) (" + (BuildCommit.hash.map { "commit \($0)" } ?? "unknown commit") + ")"
    }
}
