import Foundation

/// The `quiqpay` executable that `swift build --build-tests` puts next to the test bundle, for
/// the tests that run it as a user would: as a subprocess, or in tmux.
public enum QuiqpayExecutable {
    /// Where it is, or nil when it has not been built.
    public static var path: String? {
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("quiqpay").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil
    }

    /// Where a plain `swift build` puts it, named in failures when nothing was found.
    public static var fallback: String {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }  // Tests/TestSupport/this file
        return root.appendingPathComponent(".build/debug/quiqpay").path
    }

    /// Says what to do when it is missing.
    public static let notBuilt = "quiqpay is not built: run `swift build --build-tests` first"
}
