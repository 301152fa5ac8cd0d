@testable import ConsoleApp
import ConsoleUI
import Foundation
import QuiqClient
import QuiqpayFiles
import Screen
import Synchronization
import Terminal
import Testing

/// The real console runtime (services, loop, effect performer, ncurses writer) on a headless
/// curses screen, driven by actions and read back from what was drawn: no tmux, no process.
final class HeadlessConsole: Sendable {
    /// What the last frame showed: the state it was drawn from and the screen's rows as curses holds them.
    struct Shown: Sendable {
        var state: AppState
        var rows: [String]
        var text: String { rows.joined(separator: "\n") }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let services: PlatformServices
    let home: URL
    private let shown = Mutex<Shown?>(nil)
    private let inbox = Mutex<(@Sendable (Action) -> Void)?>(nil)
    private let finished = DispatchSemaphore(value: 0)
    private let startFailure = Mutex<String?>(nil)

    private init(services: PlatformServices, home: URL) {
        self.services = services
        self.home = home
    }

    /// A fresh HOME for one test: no config.yaml, no QUIQ_SITE.
    static func makeHome() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("quiqpay-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    static func environment(home: URL) -> [String: String] {
        ["HOME": home.path, "XDG_DATA_HOME": home.path + "/data", "XDG_CONFIG_HOME": home.path + "/config"]
    }

    /// Starts the services as `quiqpay` (or `quiqpay demo`) would, then the loop on a thread of
    /// its own, the one that touches curses.
    static func start(_ launch: PlatformServices.Launch, home: URL? = nil, size: Size = Size(rows: 40, cols: 120),
                      initial: [Action] = [], extraEnvironment: [String: String] = [:]) async throws -> HeadlessConsole {
        let home = try home ?? makeHome()
        let environment = environment(home: home).merging(extraEnvironment) { $1 }
        let services = try await PlatformServices.start(launch, flags: .init(), paths: DataPaths(environment: environment),
                                                        environment: environment)
        let console = HeadlessConsole(services: services, home: home)
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread {
            let terminal: Terminal
            do {
                terminal = try Terminal(device: .headless(size, termName: "xterm-256color"), theme: .plain)
            } catch {
                console.startFailure.withLock { $0 = "\(error)" }
                ready.signal()
                console.finished.signal()
                return
            }
            let loop = ConsoleLoop(terminal: terminal, catalog: ThemeCatalog(userDirectory: nil), themeName: "plain", warning: nil,
                                   services: services, initial: initial)
            loop.onFrame = { state, terminal in
                let rows = (0..<terminal.size.rows).map { terminal.readBack(row: $0) }
                console.shown.withLock { $0 = Shown(state: state, rows: rows) }
            }
            console.inbox.withLock { $0 = loop.send }
            ready.signal()
            _ = loop.run()
            console.finished.signal()
        }
        thread.start()
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                ready.wait()
                continuation.resume()
            }
        }
        if let reason = console.startFailure.withLock({ $0 }) {
            await services.stop()
            throw Failure(description: "the headless terminal did not start: \(reason)")
        }
        return console
    }

    func send(_ action: Action) {
        inbox.withLock { $0 }?(action)
    }

    func keys(_ keys: KeyEvent...) {
        for key in keys { send(.key(key)) }
    }

    func type(_ text: String) {
        for character in text { send(.key(.char(character))) }
    }

    /// Waits, up to `timeout` seconds, until a drawn frame satisfies `condition`; fails with the
    /// last screen otherwise.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 15, _ condition: (Shown) -> Bool) async throws -> Shown {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let current = shown.withLock({ $0 }), condition(current) { return current }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(description: "timed out after \(timeout) s waiting for \(what); the screen showed:\n\(shown.withLock { $0 }?.text ?? "nothing")")
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 15) async throws -> Shown {
        try await waitFor("“\(text)” on screen", timeout: timeout) { $0.text.contains(text) }
    }

    /// Starts a console, runs `body` on it, and stops it whatever `body` did: a failed test
    /// must not leave its screen (curses allows one per process) or its servers running.
    static func with(_ launch: PlatformServices.Launch, home: URL? = nil, initial: [Action] = [],
                     extraEnvironment: [String: String] = [:],
                     _ body: (HeadlessConsole) async throws -> Void) async throws {
        let console = try await start(launch, home: home, initial: initial, extraEnvironment: extraEnvironment)
        do {
            try await body(console)
        } catch {
            await console.stop()
            throw error
        }
        await console.stop()
    }

    /// Quits the loop (as `q` would), waits for it, and stops the services.
    func stop() async {
        send(.quit)
        let quit = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [finished] in
                continuation.resume(returning: finished.wait(timeout: .now() + 30) == .success)
            }
        }
        if !quit { Issue.record("the console loop did not end within 30 s of .quit") }
        await services.stop()
        try? FileManager.default.removeItem(at: home)
    }
}
