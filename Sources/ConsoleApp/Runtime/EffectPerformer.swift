import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Terminal

/// The one place every `Effect` is performed: the terminal's own on the UI thread (quit,
/// redraw, copy, themes), everything else by handing it to the services, whose answers come
/// back as actions through the inbox. `ConsoleLoop` calls it on the UI thread only.
final class EffectPerformer {
    private let services: PlatformServices
    private let terminal: Terminal
    private let catalog: ThemeCatalog
    /// Applies an action now, on the UI thread (the answer of an effect performed here).
    var apply: (Action) -> Void = { _ in }
    /// Ends the loop.
    var quit: () -> Void = {}
    /// Forgets what was drawn, so the next frame is drawn whole.
    var invalidate: () -> Void = {}

    init(services: PlatformServices, terminal: Terminal, catalog: ThemeCatalog) {
        self.services = services
        self.terminal = terminal
        self.catalog = catalog
    }

    func perform(_ effect: Effect, in state: AppState) {
        let services = services
        switch effect {
        case .quit:
            quit()
        case .redraw:
            terminal.invalidate()
            invalidate()
        case .copy(let text):
            if !terminal.copyToClipboard(text) {
                apply(.showToast(Toast("This terminal cannot take a copy: select the link with the mouse.", level: .error)))
            }
        case .loadTheme(let name):
            do {
                terminal.apply(try catalog.load(name))
                invalidate()
                apply(.themeApplied(name))
            } catch {
                apply(.showToast(Toast("\(error) Keeping the \(state.themeName) theme.", level: .error, duration: 8)))
            }
        case .startDraft(var draft):
            // The id is the payment's future Idempotency-Key: a retried Send never makes two.
            draft.id = UUID().uuidString.lowercased()
            apply(.openDraft(draft, recovered: false))
        case .startTemplateDraft(let text):
            apply(.openTemplateDraft(text, id: UUID().uuidString.lowercased()))
        case .saveDraft(let draft):
            services.journal.enqueue(.save(draft))
        case .send(let draft):
            services.spawn { await services.create(draft) }
        case .cancel(let id):
            services.spawn { await services.cancel(id) }
        case .resendLink(let id):
            services.spawn { await services.resendLink(id) }
        case .followConversation(let id):
            services.heartbeat.follow(id)
        case .refreshBoard:
            services.board.start(state.board.polling)
        case .boardPolling(let polling):
            services.board.setPolling(polling)
        case .exportCSV(let export):
            do {
                let path = try BoardExportFile.write(export, paths: services.paths)
                apply(.showToast(Toast("Exported \(export.rowCount) rows to \(path)", level: .success, duration: 10)))
            } catch {
                apply(.showToast(Toast(error.description, level: .error, duration: 10)))
            }
        case .createDemoPayment:
            guard services.platform != nil else {
                apply(.handshake(.creationFailed("Against a live site the Handshake screen follows the payments you send: compose one with n on the payments screen.")))
                return
            }
            services.spawn { await services.createDemoPayment() }
        }
    }
}
