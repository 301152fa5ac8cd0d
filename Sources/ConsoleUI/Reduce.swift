import Foundation
import PaymentCore
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
        let line = String(text.prefix { $0 != "\n" && $0 != "\r" })
        if s.prompt == nil, s.confirm == nil, s.templatePicker != nil { return reduce(state, .templatePicker(.filter(.insert(line)))) }
        if s.prompt == nil, s.confirm == nil, !s.showingHelp, s.screen == .compose {
            return reduce(state, .compose(.edit(.insert(line))))
        }
        if s.prompt == nil, s.screen == .board, s.board.editingFilter { return reduce(state, .board(.filter(.insert(line)))) }
        guard s.prompt != nil else { return (state, []) }
        return reduce(state, .prompt(.edit(.insert(line))))
    case .resize(let size):
        s.size = size
        s.payments = s.payments.reduced(.move(0), visibleRows: PaymentsView.visibleRows(body: s.body))
        s.board = s.board.resized(visibleRows: BoardView.visibleRows(s.board, body: s.body))
    case .tick(let date):
        s.now = date
        s.board = s.board.pruned(at: date)
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
        let lines = HelpOverlay.lines(for: s).count
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
            prompt = prompt.completed(themeNames: s.themeNames, templateNames: s.catalog.templates.map(\.name))
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
        if screen == .compose || screen == .preview, s.compose == nil { return reduce(s, .newPayment) }
        s.screen = screen
        s.showingHelp = false
        if screen == .board, !state.board.loaded, state.screen != .board { return (s, [.refreshBoard]) }
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
    case .health(let source, let health):
        s.status.health.record(source, health)
    case .payments(let command):
        if command == .open {
            guard let id = s.payments.selectedID else { return (state, []) }
            return reduce(s, .openPayment(id))
        }
        s.payments = s.payments.reduced(command, visibleRows: PaymentsView.visibleRows(body: s.body))
    case .platform(let info):
        s.status.mode = info.mode
        s.status.site = info.site
        s.status.health.started = true
        s.platformBaseURL = info.baseURL
        s.conversationId = info.conversationId
        s.newDraftCurrency = info.currency
        s.collectionUrl = info.collectionUrl
        s.handshake.vantage = info.vantage
    case .paymentsLoaded(let messages):
        s.paymentMessages = messages.sorted { $0.createdAt > $1.createdAt }
        s.payments = s.payments.reduced(.loaded(s.paymentMessages.map(PaymentRow.init)), visibleRows: PaymentsView.visibleRows(body: s.body))
    case .paymentUpdated(let message):
        if let index = s.paymentMessages.firstIndex(where: { $0.id == message.id }) {
            s.paymentMessages[index] = message
        } else {
            s.paymentMessages.insert(message, at: 0)
            s.paymentMessages.sort { $0.createdAt > $1.createdAt }
        }
        s.payments = s.payments.reduced(.loaded(s.paymentMessages.map(PaymentRow.init)), visibleRows: PaymentsView.visibleRows(body: s.body))
        if message.status.isTerminal { s = reduce(s, .board(.left(BoardRow(message)))).0 }
        if message.id == s.handshake.paymentId { s.handshake = s.handshake.recording(.paymentSeen(message), at: s.now) }
        // The platform posts the outcome into the conversation: the detail reads it again now.
        if let shown = s.shownConversationId, message.conversationId == shown { return (s, [.followConversation(shown)]) }
    case .conversationLoaded(let conversation):
        s.conversation = conversation
    case .newPayment:
        if s.compose != nil {
            s.screen = .compose
        } else if !s.catalog.templates.isEmpty {
            return reduce(s, .templatePicker(.open))
        } else {
            return (s, [.startDraft(PaymentDraft(id: "", conversationId: s.conversationId ?? "", currency: s.newDraftCurrency))])
        }
    case .openDraft(let draft, let recovered):
        s.compose = ComposeState(draft: draft, recovered: recovered)
        s.screen = .compose
        s.showingHelp = false
        if recovered { return reduce(s, .showToast(Toast("Recovered the unsent draft from before the last exit.", level: .info, duration: 8))) }
        return (s, [.saveDraft(draft)])
    case .compose(let command):
        return reduceCompose(s, command)
    case .preview(let command):
        guard var compose = s.compose else { return (state, []) }
        switch command {
        case .back:
            s.screen = .compose
        case .send, .sendAnyway:
            guard !compose.sending else { return (state, []) }
            let violations = compose.violations
            guard violations.isEmpty else {
                compose.refusal = violations.map { "\(ComposeField.owning($0.field)?.label ?? $0.field): \($0.message)" }
                s.compose = compose
                s.screen = .compose
                return (s, [])
            }
            if command == .send, !compose.sendAttempted, let existing = s.activeDuplicate(of: compose.draft) {
                return reduce(s, .askConfirm(existing.confirmation))
            }
            compose.sending = true
            compose.sendAttempted = true
            s.compose = compose
            return (s, [.send(compose.draft)])
        }
    case .sent(let draftId, let message):
        if s.compose?.draftId == draftId { s.compose = nil }
        // The Handshake screen follows the payment the agent just sent.
        s.handshake = s.handshake.recording(.paymentCreated(message), at: s.now)
        let (updated, first) = reduce(s, .paymentUpdated(message))
        let (opened, second) = reduce(updated, .openPayment(message.id))
        return (opened, first + second.filter { !first.contains($0) })
    case .linkResent(let message):
        let (updated, effects) = reduce(s, .paymentUpdated(message))
        let (shown, _) = reduce(updated, .showToast(Toast("Resent the link into the conversation.", level: .success)))
        return (shown, effects)
    case .sendFailed(let draftId, let message, let fields):
        guard var compose = s.compose, compose.draftId == draftId else {
            return reduce(s, .showToast(Toast(message, level: .error, duration: 10)))
        }
        compose.sending = false
        compose.refusal = fields.isEmpty ? [message] : fields.map { "\(ComposeField.owning($0.field)?.label ?? $0.field): \($0.message)" }
        s.compose = compose
        s.screen = .compose
        return reduce(s, .showToast(Toast(message, level: .error, duration: 10)))
    case .openPayment(let id):
        s.detail = DetailState(paymentId: id)
        s.screen = .detail
        if let message = s.paymentMessages.first(where: { $0.id == id }), message.conversationId != s.conversation?.id {
            s.conversation = nil
        }
    case .detail(let command):
        return reduceDetail(s, command)
    case .board(let command):
        let (board, effects, follow) = s.board.reduced(command, visibleRows: BoardView.visibleRows(s.board, body: s.body), now: s.now)
        s.board = board
        // The layout may have changed (banner, filter line): keep the selection in view.
        s.board = s.board.resized(visibleRows: BoardView.visibleRows(s.board, body: s.body))
        if let follow { return reduce(s, follow) }
        return (s, effects)
    case .catalogLoaded, .useTemplate, .openTemplateDraft, .templatePicker:
        return reduceCatalog(s, action)
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

/// Compose's keys: edits save the draft; Ctrl-S previews or lists what is wrong; Esc leaves.
private func reduceCompose(_ state: AppState, _ command: ComposeCommand) -> (AppState, [Effect]) {
    guard let compose = state.compose else { return (state, []) }
    var s = state
    switch command {
    case .leave:
        s.screen = .payments
        return (s, [])
    case .preview:
        let violations = compose.violations
        var next = compose
        if violations.isEmpty {
            next.refusal = []
            s.screen = .preview
        } else {
            next.refusal = violations.map { "\(ComposeField.owning($0.field)?.label ?? $0.field): \($0.message)" }
        }
        s.compose = next
        return (s, [])
    case .enter where compose.focus == .send:
        return reduceCompose(s, .preview)
    case .chooseOffer, .takeOffer:
        return reduceOffer(s, command)
    default:
        var next = compose.reduced(command)
        let draft = next.draft
        // What a refused Send listed no longer holds once the draft changed.
        if draft != compose.draft { next.refusal = [] }
        s.compose = next
        return (s, draft != compose.draft ? [.saveDraft(draft)] : [])
    }
}

/// The detail's keys: back, scroll, cancel after a confirm, resend the link, re-open as a draft, copy links.
private func reduceDetail(_ state: AppState, _ command: DetailCommand) -> (AppState, [Effect]) {
    var s = state
    let message = s.detail.paymentId.flatMap { id in s.paymentMessages.first { $0.id == id } }
    switch command {
    case .back:
        s.screen = .payments
    case .scroll(let delta):
        s.detail.scroll = max(0, s.detail.scroll + delta)
    case .cancel:
        guard let message else { return (state, []) }
        guard message.status.isActive else {
            return reduce(s, .showToast(Toast("This payment is already \(message.status.rawValue): nothing to cancel.", level: .error)))
        }
        return reduce(s, .askConfirm(ConfirmDialog(
            title: "Cancel payment",
            message: "Withdraw “\(message.payment.description)”? The customer's link stops working.",
            onConfirm: .detail(.cancelConfirmed))))
    case .cancelConfirmed:
        guard let message else { return (state, []) }
        return (s, [.cancel(paymentId: message.id)])
    case .resendLink:
        guard let message else { return (state, []) }
        if s.board.readOnly {
            return reduce(s, .showToast(Toast("Read-only console (--readonly): resending links is off here.", level: .error)))
        }
        guard message.status.isActive else {
            return reduce(s, .showToast(Toast("This payment is already \(message.status.rawValue): its link no longer works, so there is nothing to resend.", level: .error)))
        }
        return (s, [.resendLink(paymentId: message.id)])
    case .reopen:
        guard let message else { return (state, []) }
        guard let currency = Currency(code: message.payment.currency) else {
            return reduce(s, .showToast(Toast("This payment is in \(message.payment.currency), which is not an ISO 4217 currency quiqpay knows: compose a new payment instead.", level: .error, duration: 10)))
        }
        let draft = PaymentDraft(
            id: "", conversationId: message.conversationId, description: message.payment.description, currency: currency,
            amount: message.payment.lineItems.isEmpty ? message.payment.amount : nil, lineItems: message.payment.lineItems,
            metadata: message.payment.metadata.sorted { $0.key < $1.key }.map { MetadataEntry(key: $0.key, value: $0.value) },
            key: message.key)
        return (s, [.startDraft(draft)])
    case .copyShortLink, .copyFullLink:
        guard let message, let link = command == .copyShortLink ? message.shortUrl : message.paymentUrl else { return (state, []) }
        let (next, _) = reduce(s, .showToast(Toast("Copied the \(command == .copyShortLink ? "short" : "full") link.", level: .success)))
        return (next, [.copy(link)])
    }
    return (s, [])
}

/// The action a key means in `state`: the first of its key layers that takes the key.
func dispatch(_ key: KeyEvent, in state: AppState) -> Action? {
    state.keyLayers.action(for: key)
}
