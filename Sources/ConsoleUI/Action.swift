import Foundation
import PaymentCore
import Screen

/// Everything that can happen to the console: keys, terminal events, clock ticks and the
/// results of effects. Background tasks only ever talk to the UI by sending these.
public indirect enum Action: Hashable, Sendable {
    // Input from the terminal.
    case key(KeyEvent)
    case paste(String)
    case resize(Size)
    /// The clock: sent at least once a second so ages and the clock column move.
    case tick(Date)

    // The shell.
    case quit
    case redraw
    case toggleHelp
    case closeHelp
    case scrollHelp(Int)
    case openPrompt
    case prompt(PromptCommand)
    /// Runs a command line (without the leading `:`), as typed at the prompt.
    case run(String)
    case switchScreen(ScreenID)
    case askConfirm(ConfirmDialog)
    case answerConfirm(Bool)
    case showToast(Toast)
    case dismissToast

    // Results the runtime reports back.
    case setTheme(String)
    case themeApplied(String)
    /// A source's report on the link to the platform; nil: it has nothing to say any more.
    case health(HealthSource, SourceHealth?)

    // What the platform said. Generic on purpose: every screen (payments, board, handshake)
    // reads the same payments from `AppState.paymentMessages`.
    /// Where the console is connected: mode, site as shown, the conversation and currency new
    /// payments start with, and the Payment Collection URL when known (the preview builds its
    /// link from it).
    case platform(PlatformInfo)
    /// Every payment this console knows, replacing the list (start-up, journal).
    case paymentsLoaded([PaymentMessage])
    /// One payment created, read or changed.
    case paymentUpdated(PaymentMessage)
    /// A conversation's transcript, as last read.
    case conversationLoaded(Conversation)
    /// A draft to edit in Compose: a new one, a re-opened payment, or (recovered) the unsent
    /// draft the journal kept after a crash.
    case openDraft(PaymentDraft, recovered: Bool)
    /// The platform created the payment of draft `draftId`.
    case sent(draftId: String, PaymentMessage)
    /// The platform posted the payment's link into its conversation again (`.resendLink`).
    case linkResent(PaymentMessage)
    /// The platform refused or could not be reached; `message` says what to do, `fields`
    /// are its per-field complaints.
    case sendFailed(draftId: String, message: String, fields: [FieldViolation])

    // Screens.
    case payments(PaymentsCommand)
    /// `n`: back to the draft being composed, or a new one.
    case newPayment
    case compose(ComposeCommand)
    case preview(PreviewCommand)
    case openPayment(String)
    case detail(DetailCommand)
    case board(BoardCommand)
    case handshake(HandshakeCommand)

    // The catalogue (`catalog.yaml`).
    /// The products and templates the runtime read at start-up.
    case catalogLoaded(ProductCatalog)
    /// `:template NAME` or the picker: Compose pre-filled from a template; unless `confirmed`,
    /// a draft being composed is only replaced after a yes.
    case useTemplate(String, confirmed: Bool)
    /// A template's draft with its fresh id (the answer of `.startTemplateDraft`).
    case openTemplateDraft(DraftText, id: String)
    case templatePicker(TemplatePickerCommand)
}
