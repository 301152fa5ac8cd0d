import Foundation

/// Where the tests find the tools `.ci/test` installs. A test whose tool is missing fails with
/// a sentence saying how to get it: it never skips, so a CI run cannot pass without testing.
public enum TestTools {
    /// The repository's root, from this file's place in it (Tests/TestSupport/TestTools.swift).
    public static var repositoryRoot: String {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.path
    }

    /// The virtual environment `.ci/test` fills from PyPI (openapi-spec-validator, selenium).
    public static var virtualEnvironment: String { repositoryRoot + "/.venv-tests" }

    /// The Python that has the test packages: `QUIQPAY_TEST_PYTHON` (set by `.ci/test`), else
    /// the virtual environment's; nil when neither is there.
    public static var python: String? {
        if let chosen = ProcessInfo.processInfo.environment["QUIQPAY_TEST_PYTHON"], !chosen.isEmpty {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        let inVenv = virtualEnvironment + "/bin/python3"
        return FileManager.default.isExecutableFile(atPath: inVenv) ? inVenv : nil
    }

    /// Says what to do when `python` is nil.
    public static var pythonMissing: String {
        let chosen = ProcessInfo.processInfo.environment["QUIQPAY_TEST_PYTHON"].map { " (QUIQPAY_TEST_PYTHON=\($0) is not an executable)" } ?? ""
        return "no Python with the test packages\(chosen): run .ci/test once, which makes \(virtualEnvironment), or set QUIQPAY_TEST_PYTHON"
    }

    /// True under CI (`CI=true`), where every tool the suite needs must be present.
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
