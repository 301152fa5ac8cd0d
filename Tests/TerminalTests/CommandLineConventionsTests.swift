import Foundation
import Testing
import TestSupport

/// The conventions a user expects of a command-line tool: `--version` and shell completion.
@Suite("command-line conventions")
struct CommandLineConventionsTests {
    /// The package root, from this file's path.
    static var root: URL {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }  // Tests/TerminalTests/this file
        return root
    }

    @Test("--version gives the version and the git commit HEAD names (or says the commit is unknown)")
    func version() async throws {
        let binary = try #require(QuiqpayExecutable.path, "\(QuiqpayExecutable.notBuilt)")
        let result = try await ChildProcess.run(binary, ["--version"])
        #expect(result.status == 0)
        let line = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let dotGit = Self.root.appendingPathComponent(".git").path
        guard FileManager.default.fileExists(atPath: dotGit) else {
            #expect(line.range(of: #"^quiqpay \d+\.\d+\.\d+ \(unknown commit\)$"#, options: .regularExpression) != nil, "\(line)")
            return
        }
        let git = try await ChildProcess.run("/usr/bin/env", ["git", "-C", Self.root.path, "rev-parse", "HEAD"])
        try #require(git.status == 0, "git rev-parse failed: \(git.output)")
        let head = git.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.range(of: #"^quiqpay \d+\.\d+\.\d+ \(commit [0-9a-f]{40}\)$"#, options: .regularExpression) != nil, "\(line)")
        #expect(line.hasSuffix("(commit \(head))"), "built from another commit than HEAD \(head): \(line); rebuild")
    }

    @Test("the bash completion script completes `quiqpay ` with the subcommands")
    func bashCompletion() async throws {
        let binary = try #require(QuiqpayExecutable.path, "\(QuiqpayExecutable.notBuilt)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-completion-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try await ChildProcess.run(binary, ["--generate-completion-script", "bash"])
        try #require(generated.status == 0, "\(generated.output)")
        let script = folder.appendingPathComponent("quiqpay.bash")
        try generated.output.write(to: script, atomically: true, encoding: .utf8)
        // As bash does on Tab after `quiqpay `: find the function `complete` registered, call it
        // with the words typed so far, and print what it offers.
        let driver = """
            source '\(script.path)' || exit 10
            spec=$(complete -p quiqpay) || exit 11
            fn=$(printf '%s' "$spec" | sed -E 's/.*-F ([^ ]+).*/\\1/')
            COMP_WORDS=(quiqpay ''); COMP_CWORD=1; COMP_LINE='quiqpay '; COMP_POINT=${#COMP_LINE}
            "$fn" quiqpay '' quiqpay
            printf 'offered:%s\\n' "${COMPREPLY[@]}"
            """
        let directory = URL(fileURLWithPath: binary).deletingLastPathComponent().path
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = directory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let result = try await ChildProcess.run("/bin/bash", ["--norc", "--noprofile", "-c", driver], environment: environment)
        #expect(result.status == 0, "\(result.output)")
        let offered = Set(result.output.split(separator: "\n").filter { $0.hasPrefix("offered:") }.map { String($0.dropFirst(8)) })
        for subcommand in ["sandbox", "board", "demo", "send", "watch", "themes", "merchant"] {
            #expect(offered.contains(subcommand), "`\(subcommand)` not offered: \(result.output)")
        }
    }
}
