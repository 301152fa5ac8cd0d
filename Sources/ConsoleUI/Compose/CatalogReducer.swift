import Foundation
import PaymentCore

/// The catalogue's part of the reducer: offers taken in Compose, templates started from the
/// prompt or the picker.
func reduceCatalog(_ state: AppState, _ action: Action) -> (AppState, [Effect]) {
    var s = state
    switch action {
    case .catalogLoaded(let catalog):
        s.catalog = catalog
    case .useTemplate(let name, let confirmed):
        guard let template = s.catalog.template(named: name) else {
            let known = s.catalog.templates.map(\.name)
            let message = known.isEmpty
                ? "The catalogue has no templates: add them under templates: in catalog.yaml (see catalog.example.yaml)."
                : "No template “\(name)” in catalog.yaml: use one of \(known.joined(separator: ", "))."
            return reduce(s, .showToast(Toast(message, level: .error, duration: 8)))
        }
        s.templatePicker = nil
        if !confirmed, let compose = s.compose, compose.hasContent {
            return reduce(s, .askConfirm(ConfirmDialog(
                title: "Replace the draft",
                message: "Start again from the template “\(name)”? The draft being composed is set aside.",
                onConfirm: .useTemplate(name, confirmed: true))))
        }
        let (text, missing) = template.draftText(conversationId: s.conversationId ?? "", currency: s.newDraftCurrency, catalog: s.catalog,
                                                 at: s.now, utcOffsetSeconds: s.utcOffsetSeconds)
        if !missing.isEmpty {
            let currency = template.currency ?? s.newDraftCurrency
            let (next, _) = reduce(s, .showToast(Toast(
                "The catalogue has no \(currency.code) price for \(missing.joined(separator: ", ")): type the unit price.", level: .info, duration: 8)))
            return (next, [.startTemplateDraft(text)])
        }
        return (s, [.startTemplateDraft(text)])
    case .openTemplateDraft(let text, let id):
        let compose = ComposeState(template: text, draftId: id)
        s.compose = compose
        s.screen = .compose
        s.showingHelp = false
        return (s, [.saveDraft(compose.draft)])
    case .templatePicker(let command):
        switch command {
        case .open:
            guard !s.catalog.templates.isEmpty else {
                return reduce(s, .showToast(Toast("The catalogue has no templates: add them under templates: in catalog.yaml (see catalog.example.yaml).", level: .error, duration: 8)))
            }
            s.templatePicker = TemplatePicker()
        case .filter(let edit):
            guard var picker = s.templatePicker else { return (state, []) }
            picker.filter = picker.filter.applying(edit)
            picker.selected = 0
            s.templatePicker = picker
        case .move(let delta):
            guard var picker = s.templatePicker else { return (state, []) }
            let count = picker.choices(in: s.catalog).count
            picker.selected = max(0, min(picker.selected + delta, count - 1))
            s.templatePicker = picker
        case .close:
            s.templatePicker = nil
        case .choose:
            guard let picker = s.templatePicker else { return (state, []) }
            let choices = picker.choices(in: s.catalog)
            guard choices.indices.contains(picker.selected) else { return (state, []) }
            s.templatePicker = nil
            switch choices[picker.selected] {
            case .blank:
                // A draft being composed is kept: back to it, as `n` does.
                if s.compose != nil {
                    s.screen = .compose
                    return (s, [])
                }
                return (s, [.startDraft(PaymentDraft(id: "", conversationId: s.conversationId ?? "", currency: s.newDraftCurrency))])
            case .template(let template):
                return reduce(s, .useTemplate(template.name, confirmed: false))
            }
        }
    default:
        break
    }
    return (s, [])
}

/// ↓/↑ and Enter while Compose offers products for a line item's name.
func reduceOffer(_ state: AppState, _ command: ComposeCommand) -> (AppState, [Effect]) {
    guard var compose = state.compose else { return (state, []) }
    var s = state
    let offers = compose.offers(in: s.catalog)
    guard !offers.isEmpty else { return (state, []) }
    switch command {
    case .chooseOffer(let delta):
        compose.offerIndex = max(0, min(compose.offerIndex + delta, min(offers.count, ComposeState.offerLimit) - 1))
        s.compose = compose
        return (s, [])
    case .takeOffer:
        let product = offers[min(compose.offerIndex, offers.count - 1)]
        let next = compose.taking(product)
        s.compose = next
        let effects: [Effect] = next.draft != compose.draft ? [.saveDraft(next.draft)] : []
        if product.price(in: compose.offerCurrency) == nil {
            let (shown, _) = reduce(s, .showToast(Toast(
                "\(product.name) has no \(compose.offerCurrency.code) price in the catalogue: type its unit price.", level: .info, duration: 8)))
            s = shown
        }
        return (s, effects)
    default:
        return (state, [])
    }
}

extension ComposeState {
    /// Whether anything was typed that a template would replace.
    var hasContent: Bool {
        !description.text.isEmpty || !amount.text.isEmpty || !lineItems.rows.isEmpty || !metadata.rows.isEmpty
    }
}
