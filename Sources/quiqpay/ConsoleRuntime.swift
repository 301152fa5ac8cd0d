import ConsoleUI
import Foundation
import Screen
import Terminal

/// The UI loop: waits for input with curses' timeout, drains actions from background tasks,
/// reduces, performs effects, and redraws only when the state changed (the clock column
/// changes it once a second). Everything here runs on the one UI thread.
final class ConsoleRuntime {
    private let catalog: ThemeCatalog
    private let terminal: Terminal
    private let inbox: ActionInbox
    private var state: AppState
    private var drawn: AppState?
    private var running = true
    private let services: ConsoleServices?
    /// Feeds the supervisor board; nil when no platform could be configured.
    private var board: BoardPoller?
    private let boardUnavailable: String
    /// Performs the effects this loop does not know itself (the demo's `createDemoPayment`),
    /// on the UI thread; results come back through `send`.
    var performOther: ((Effect) -> Void)?

    /// Where background tasks send their results, from any thread.
    var send: @Sendable (Action) -> Void {
        let inbox = inbox
        return { inbox.send($0) }
    }

    /// - Parameters:
    ///   - services: the platform, watcher and journal the console's effects run against.
    ///   - board: how the board reaches the platform, and whether it opens on the board read-only.
    ///   - initial: actions applied before the first frame (the demo opens on its screen).
    init(catalog: ThemeCatalog, theme: Theme, warning: String?, services: ConsoleServices? = nil,
         board: BoardSetup? = nil, initial: [Action] = []) throws(TerminalError) {
        self.catalog = catalog
        self.services = services
        terminal = try Terminal(theme: theme)
        let inbox = ActionInbox(waker: terminal.waker())
        self.inbox = inbox
        state = AppState(
            size: terminal.size, now: Date(), utcOffsetSeconds: TimeZone.current.secondsFromGMT(),
            status: StatusInfo(mode: services?.mode ?? board?.status.mode ?? .sandbox,
                               site: services?.siteLabel ?? board?.status.site ?? "sandbox (local)", connection: .notStarted),
            themeName: theme.name, themeNames: catalog.names)
        self.board = board?.makePoller { inbox.send($0) }
        boardUnavailable = board?.unavailable ?? "The board needs a platform: start `quiqpay sandbox` or set QUIQ_SITE."
        state.board.readOnly = board?.readOnly ?? false
        for action in initial { apply(action) }
        if let warning { apply(.showToast(Toast(warning, level: .error, duration: 10))) }
        services?.attach(to: inbox)
        if board?.opensOnBoard == true { apply(.switchScreen(.board)) }
    }

    /// Runs until `q`/`:quit` (returns nil) or a quit signal (returns its number).
    /// The terminal is restored before this returns, on both paths.
    func run() -> Int32? {
        defer { terminal.stop() }
        defer { if let board { try? waitFor { await board.stop() } } }
        var second = Int(Date().timeIntervalSince1970)
        while running {
            if let signal = Signals.quitRequested { return signal }
            if terminal.inputClosed { return SIGHUP }
            for action in inbox.drain() { apply(action) }
            let now = Date()
            if Int(now.timeIntervalSince1970) != second {
                second = Int(now.timeIntervalSince1970)
                apply(.tick(now))
            }
            guard running else { break }
            if drawn != state {
                terminal.draw(render(state, size: terminal.size))
                drawn = state
            }
            let intoSecond = now.timeIntervalSince1970 - Double(second)
            let wait = Int32(max(1, (1 - intoSecond) * 1000) + 2)
            guard let event = terminal.nextEvent(timeoutMilliseconds: wait) else { continue }
            switch event {
            case .key(let key): apply(.key(key))
            case .paste(let text): apply(.paste(text))
            case .resize(let size):
                drawn = nil
                apply(.resize(size))
            }
        }
        return nil
    }

    private func apply(_ action: Action) {
        let (next, effects) = reduce(state, action)
        state = next
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit:
            running = false
        case .redraw:
            terminal.invalidate()
            drawn = nil
        case .copy(let text):
            if !terminal.copyToClipboard(text) {
                apply(.showToast(Toast("This terminal cannot take a copy: select the link with the mouse.", level: .error)))
            }
        case .startDraft, .saveDraft, .send, .cancel, .loadConversation:
            guard let services, services.perform(effect) else {
                apply(.showToast(Toast("No platform is connected: restart quiqpay.", level: .error)))
                return
            }
        case .loadTheme(let name):
            do {
                terminal.apply(try catalog.load(name))
                drawn = nil
                apply(.themeApplied(name))
            } catch {
                apply(.showToast(Toast("\(error) Keeping the \(state.themeName) theme.", level: .error, duration: 8)))
            }
        case .refreshBoard:
            guard let board else { return apply(.board(.refreshFailed(boardUnavailable))) }
            board.setPolling(state.board.polling)
            board.start()
        case .boardPolling(let polling):
            board?.setPolling(polling)
        case .exportCSV(let export):
            do {
                let path = try BoardExportFile.write(export, environment: ProcessInfo.processInfo.environment)
                apply(.showToast(Toast("Exported \(export.rowCount) rows to \(path)", level: .success, duration: 10)))
            } catch {
                apply(.showToast(Toast(error.description, level: .error, duration: 10)))
            }
        case .createDemoPayment:
            if let performOther {
                performOther(effect)
            } else {
                apply(.handshake(.creationFailed("Demo payments need the demo's platform: run quiqpay demo.")))
            }
        }
    }
}
