import Foundation
import Testing
import TestSupport

/// A private tmux server (`-L unique`) running a shell, to drive the real quiqpay binary.
final class TmuxSession {
    let socket = "quiqpay-test-\(UUID().uuidString.prefix(8))"
    let home: URL
    let pidFile: URL

    /// The built quiqpay, next to this test bundle.
    static func binary() throws -> String {
        try #require(QuiqpayExecutable.path, "\(QuiqpayExecutable.notBuilt)")
    }

    init(cols: Int = 80, rows: Int = 24) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        pidFile = home.appendingPathComponent("quiqpay.pid")
        for dir in ["config", "data", "state", "cache"] {
            try FileManager.default.createDirectory(at: home.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        let env = ["HOME=\(home.path)", "XDG_CONFIG_HOME=\(home.path)/config", "XDG_DATA_HOME=\(home.path)/data",
                   "XDG_STATE_HOME=\(home.path)/state", "XDG_CACHE_HOME=\(home.path)/cache",
                   "LANG=C.UTF-8", "TERM=xterm-256color", "PS1=$ ", "NO_COLOR=", "QUIQPAY_THEME="]
        try tmux(["new-session", "-d", "-s", "t", "-x", "\(cols)", "-y", "\(rows)"] + env.flatMap { ["-e", $0] } + ["/bin/sh"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: home)
        // tmux leaves its socket file behind when killed.
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(directory)/tmux-\(getuid())/\(socket)")
    }

    /// Starts quiqpay in the pane; its pid lands in `pidFile`, its exit status prints as EXIT=n.
    func startConsole(reportExit: Bool = true, environment: String = "", arguments: String = "") throws {
        let binary = try Self.binary()
        try type(environment + "sh -c 'echo $$ > \(pidFile.path); exec \(binary) \(arguments)'" + (reportExit ? "; echo EXIT=$?" : ""))
        try keys("Enter")
    }

    /// The pid of the running quiqpay.
    func consolePID() async throws -> Int32 {
        try await waitUntil("the pid file") { (try? String(contentsOf: self.pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } != nil }
        let text = try String(contentsOf: pidFile, encoding: .utf8)
        return try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Pastes `text` as a terminal does with bracketed paste on.
    func paste(_ text: String) throws {
        let file = home.appendingPathComponent("paste.txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try tmux(["load-buffer", file.path])
        try tmux(["paste-buffer", "-p", "-t", "t"])
    }

    func type(_ text: String) throws { try tmux(["send-keys", "-t", "t", "-l", text]) }
    func keys(_ names: String...) throws { try tmux(["send-keys", "-t", "t"] + names) }
    func resize(cols: Int, rows: Int) throws { try tmux(["resize-window", "-t", "t", "-x", "\(cols)", "-y", "\(rows)"]) }
    /// Any other tmux command on this server (`set -g set-clipboard on`, `show-buffer`), with its output.
    @discardableResult
    func command(_ arguments: String...) throws -> String { try tmux(arguments, output: true) }

    /// The pane's text, one string per row.
    func capture(history: Bool = false, escapes: Bool = false) throws -> [String] {
        var lines = try tmux(["capture-pane", "-t", "t", "-p"] + (history ? ["-S", "-1000"] : []) + (escapes ? ["-e"] : []), output: true)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }  // the newline that ends the last row
        return lines
    }

    /// Polls the pane (every 20 ms, up to `timeout`) until `condition` holds; fails with the pane's text.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, _ condition: @escaping ([String]) -> Bool) async throws -> [String] {
        var last: [String] = []
        let ok = try await poll(timeout) {
            last = try self.capture()
            return condition(last)
        }
        try #require(ok, "timed out waiting for \(what); the pane shows:\n\(last.joined(separator: "\n"))")
        return last
    }

    /// Polls `condition` (something outside the pane) up to `timeout`; fails with the pane's text.
    func waitUntil(_ what: String, timeout: Double = 20, _ condition: @escaping () throws -> Bool) async throws {
        let ok = try await poll(timeout, condition)
        let pane = ok ? [] : ((try? capture()) ?? [])
        try #require(ok, "timed out waiting for \(what); the pane shows:\n\(pane.joined(separator: "\n"))")
    }

    /// n, a description and a USD amount, then Ctrl-S: returns on the preview, one Enter from sending.
    func composeToPreview(description: String, amount: String) async throws {
        try keys("n")
        try await waitFor(text: "New payment")
        try type(description)
        try keys("Tab")
        try keys("Tab")
        try type(amount)
        try await waitFor(text: "Total USD \(amount)")
        try keys("C-s")
        try await waitFor(text: "What the customer will see")
    }

    /// Waits for the detail of a payment just sent: pending, with its short link.
    @discardableResult
    func waitForSentDetail(timeout: Double = 30) async throws -> [String] {
        try await waitFor("the detail with its short link", timeout: timeout) { lines in
            lines.contains { $0.contains("PENDING") } && lines.contains { $0.contains("Short link") && $0.contains("/p/") }
        }
    }

    /// Waits for `text` anywhere in the pane.
    @discardableResult
    func waitFor(text: String, timeout: Double = 20) async throws -> [String] {
        try await waitFor("\"\(text)\"", timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    /// Asks the shell in the pane for the terminal's modes after quiqpay left.
    func assertTerminalSane(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try type("echo \"STTY: $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(echo|icanon)' | sort | tr '\\n' ' ')\"")
        try keys("Enter")
        let lines = try await waitFor("stty output") { $0.contains { $0.hasPrefix("STTY: ") } }
        let modes = lines.first { $0.hasPrefix("STTY: ") } ?? ""
        #expect(modes.trimmingCharacters(in: .whitespaces) == "STTY: echo icanon", "terminal modes after quit: \(modes)", sourceLocation: sourceLocation)
    }

    /// Checks `condition` every 20 ms until it holds or `timeout` passes. Between checks the task
    /// sleeps, so the cooperative pool's thread is free for the in-process servers of other suites
    /// (on 2 cores a blocking wait here starved them).
    private func poll(_ timeout: Double, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try condition()
    }

    /// Runs tmux with posix_spawn and waitpid. Not Foundation's Process: it learns of a
    /// child's exit through a descriptor the tmux server inherits and keeps, so it would wait forever.
    /// For the same reason tmux gets no descriptor but 0-2: a tmux server that kept the pipe of a
    /// `Process` another test runs in parallel would make that test wait forever for its child.
    @discardableResult
    private func tmux(_ arguments: [String], output: Bool = false) throws -> String {
        let outPath = home.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        try #require(Self.closeFrom(&actions, 3) == 0, "could not ask posix_spawn to close inherited descriptors")
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        // Default signal handling and nothing blocked: the test process blocks signals that a
        // child would otherwise inherit, and a tmux server that cannot receive SIGTERM ignores
        // kill-server (every session leaked, with its quiqpay, until this was reset).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArgs, environ)
        try #require(rc == 0, "could not start tmux (is it installed? .ci/test installs it)")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard output else { return "" }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift does not import.
    private static let closeFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return { _, _ in ENOSYS }
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()
}
