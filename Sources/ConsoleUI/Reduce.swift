import Foundation
import Screen

/// The console's one state transition: pure, so every key and result is unit-tested.
/// Returns the new state and the effects for the runtime to perform.
public func reduce(_ state: AppState, _ action: Action) -> (AppState, [Effect]) {
    var s = state
    switch action {
    case .key(let key):
        guard let next = dispatch(key, in: state) else { return (state, []) }
        return reduce(state, next)
    case .paste(let text):
        guard s.prompt != nil else { return (state, []) }
        let line = String(text.prefix { $0 != "\n" && $0 != "\r" })
        return reduce(state, .prompt(.edit(.insert(line))))
    case .resize(let size):
        s.size = size
        s.payments = s.payments.reduced(.move(0), visibleRows: PaymentsView.visibleRows(body: s.body))
    case .tick(let date):
        s.now = date
        if let toast = s.toast, toast.hasExpired(at: date) { s.toast = nil }
    case .quit:
        return (state, [.quit])
    case .redraw:
        return (state, [.redraw])
    case .toggleHelp:
        s.showingHelp.toggle()
        s.helpScroll = 0
    case .closeHelp:
        s.showingHelp = false
    case .scrollHelp(let delta):
        let lines = HelpOverlay.lines(for: s.screen).count
        s.helpScroll = HelpOverlay.clampedScroll(s.helpScroll + delta, lines: lines, visible: s.size.rows - 4)
    case .openPrompt:
        s.prompt = CommandPrompt()
    case .prompt(let command):
        guard var prompt = s.prompt else { return (state, []) }
        switch command {
        case .edit(let edit):
            prompt.field = prompt.field.applying(edit)
            prompt.candidates = []
        case .cancel:
            s.prompt = nil
            return (s, [])
        case .complete:
            prompt = prompt.completed(themeNames: s.themeNames)
        case .olderHistory:
            let index = (prompt.historyIndex ?? s.commandHistory.count) - 1
            guard index >= 0 else { return (state, []) }
            prompt.historyIndex = index
            prompt.field = TextField(s.commandHistory[index])
        case .newerHistory:
            guard let index = prompt.historyIndex else { return (state, []) }
            if index + 1 < s.commandHistory.count {
                prompt.historyIndex = index + 1
                prompt.field = TextField(s.commandHistory[index + 1])
            } else {
                prompt.historyIndex = nil
                prompt.field = TextField()
            }
        case .submit:
            s.prompt = nil
            let line = prompt.field.text.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return (s, []) }
            if s.commandHistory.last != line { s.commandHistory.append(line) }
            if s.commandHistory.count > 100 { s.commandHistory.removeFirst() }
            return reduce(s, .run(line))
        }
        s.prompt = prompt
    case .run(let line):
        switch Command.parse(line) {
        case .success(let next): return reduce(s, next)
        case .failure(let error): return reduce(s, .showToast(Toast(error.message, level: .error)))
        }
    case .switchScreen(let screen):
        s.screen = screen
        s.showingHelp = false
    case .askConfirm(let dialog):
        s.confirm = dialog
    case .answerConfirm(let yes):
        guard let dialog = s.confirm else { return (state, []) }
        s.confirm = nil
        return yes ? reduce(s, dialog.onConfirm) : (s, [])
    case .showToast(var toast):
        toast.shownAt = s.now
        s.toast = toast
    case .dismissToast:
        s.toast = nil
    case .setTheme(let name):
        return (state, [.loadTheme(name)])
    case .themeApplied(let name):
        s.themeName = name
        return reduce(s, .showToast(Toast("Theme \(name).", level: .success)))
    case .connection(let connection):
        s.status.connection = connection
    case .pollSucceeded(let date):
        s.status.lastGoodPoll = date
        s.status.connection = .connected
    case .payments(let command):
        s.payments = s.payments.reduced(command, visibleRows: PaymentsView.visibleRows(body: s.body))
    case .handshake(let command):
        s.handshake = s.handshake.reduced(command, now: s.now)
        switch command {
        case .newPayment: return (s, [.createDemoPayment])
        case .creationFailed(let reason): return reduce(s, .showToast(Toast(reason, level: .error)))
        default: break
        }
    }
    return (s, [])
}

/// The action a key means in `state`: the innermost open layer (dialog, prompt, help)
/// decides alone; otherwise the screen's map, then the global one.
func dispatch(_ key: KeyEvent, in state: AppState) -> Action? {
    if state.confirm != nil { return ConfirmDialog.keyMap.command(for: key) }
    if state.prompt != nil {
        if let action = CommandPrompt.keyMap.command(for: key) { return action }
        if let edit = TextField.keyMap.command(for: key) { return .prompt(.edit(edit)) }
        if let c = key.typedCharacter { return .prompt(.edit(.insert(String(c)))) }
        return nil
    }
    if state.showingHelp { return HelpOverlay.keyMap.command(for: key) }
    return AppState.keyMap(for: state.screen).command(for: key) ?? GlobalKeyMap.keyMap.command(for: key)
}
