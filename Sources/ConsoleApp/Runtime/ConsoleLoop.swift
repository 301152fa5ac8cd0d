import ConsoleUI
import Foundation
import QuiqClient
import Screen
import Terminal

/// The UI loop: waits for input with curses' timeout, drains the actions background tasks
/// sent, reduces, hands effects to the one `EffectPerformer`, and redraws only when the state
/// changed (the clock column changes it once a second). Everything here runs on one thread,
/// the only one that touches ncurses.
public final class ConsoleLoop {
    private let terminal: Terminal
    private let inbox: ActionInbox
    private let services: PlatformServices
    private let performer: EffectPerformer
    private var state: AppState
    private var drawn: AppState?
    private var running = true
    private var catalogFile: CatalogSource
    /// Told each frame after it was drawn, on the UI thread: what tests read the screen by.
    public var onFrame: ((AppState, Terminal) -> Void)?

    /// - Parameters:
    ///   - initial: actions applied before the first frame (the demo opens on its screen).
    ///   - readOnly: the board without any way to cancel (`quiqpay board --readonly`).
    public init(terminal: Terminal, catalog: ThemeCatalog, themeName: String, warning: String?,
                services: PlatformServices, initial: [Action] = [], readOnly: Bool = false) {
        self.terminal = terminal
        self.services = services
        catalogFile = CatalogSource(path: services.paths.catalogFile)
        inbox = ActionInbox(waker: terminal.waker())
        performer = EffectPerformer(services: services, terminal: terminal, catalog: catalog)
        state = AppState(size: terminal.size, now: Date(), utcOffsetSeconds: TimeZone.current.secondsFromGMT(),
                         status: StatusInfo(mode: services.configuration.mode.isSandbox ? .sandbox : .live, site: ""),
                         themeName: themeName, themeNames: catalog.names)
        state.board.readOnly = readOnly
        performer.apply = { [unowned self] in self.apply($0) }
        performer.quit = { [unowned self] in self.running = false }
        performer.invalidate = { [unowned self] in self.drawn = nil }
        services.attach(to: inbox)
        // The catalogue is read here and handed over whole; a broken one is said once and left
        // out, and the console works without it.
        var warnings = [warning].compactMap { $0 }
        if let problem = reloadCatalogIfChanged(startUp: true) {
            warnings.append(problem + " Compose offers no products or templates until it is fixed.")
        }
        for action in initial { apply(action) }
        if !warnings.isEmpty { apply(.showToast(Toast(warnings.joined(separator: " "), level: .error, duration: 12, wraps: true))) }
    }

    /// Where background tasks send their results, from any thread.
    public var send: @Sendable (Action) -> Void {
        let inbox = inbox
        return { inbox.send($0) }
    }

    /// Runs until `q`/`:quit` (returns nil) or a quit signal (returns its number).
    /// The terminal is restored before this returns, on both paths.
    public func run() -> Int32? {
        defer { terminal.stop() }
        var second = Int(Date().timeIntervalSince1970)
        while running {
            if let signal = Signals.quitRequested { return signal }
            if terminal.inputClosed { return SIGHUP }
            for action in inbox.drain() { apply(action) }
            let now = Date()
            if Int(now.timeIntervalSince1970) != second {
                second = Int(now.timeIntervalSince1970)
                apply(.tick(now))
                if second % Self.catalogCheckSeconds == 0 { reloadCatalogIfChanged() }
            }
            guard running else { break }
            if drawn != state {
                terminal.draw(render(state, size: terminal.size))
                drawn = state
                onFrame?(state, terminal)
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

    /// How often the loop looks at catalog.yaml's stamp (one `stat`).
    static let catalogCheckSeconds = 3

    /// Applies catalog.yaml when it changed; at start-up quietly, returning a problem for the
    /// start-up toast, later with a toast of its own.
    @discardableResult
    private func reloadCatalogIfChanged(startUp: Bool = false) -> String? {
        switch catalogFile.refresh() {
        case .loaded(let products)?:
            apply(.catalogLoaded(products))
            guard !startUp else { return nil }
            let counts = [(products.products.count, "product"), (products.templates.count, "template")]
                .map { count, noun in "\(count) \(noun)\(count == 1 ? "" : "s")" }.joined(separator: ", ")
            apply(.showToast(Toast("Read catalog.yaml again: \(counts).", level: .info, duration: 5)))
        case .failed(let problem)?:
            if startUp { return problem }
            apply(.showToast(Toast(problem + " The catalogue read before stays in use until it is fixed.",
                                   level: .error, duration: 12, wraps: true)))
        case nil: break
        }
        return nil
    }

    private func apply(_ action: Action) {
        let (next, effects) = reduce(state, action)
        let shown = state.shownConversationId
        state = next
        // The transcript on screen is the UI's to say: the heartbeat keeps whichever it shows current.
        if next.shownConversationId != shown { performer.perform(.followConversation(next.shownConversationId), in: next) }
        for effect in effects { performer.perform(effect, in: state) }
    }
}
