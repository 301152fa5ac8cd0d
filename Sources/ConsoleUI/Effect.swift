import PaymentCore

/// Work the console asks the runtime to do; its outcome returns as an `Action`.
public enum Effect: Hashable, Sendable {
    /// Leave the console: the runtime restores the terminal and exits 0.
    case quit
    /// Load theme NAME; the runtime answers `.themeApplied` or an error toast.
    case loadTheme(String)
    /// Repaint every cell (Ctrl-L), for a screen garbled by another program.
    case redraw
    /// Give this draft a fresh id (the future Idempotency-Key) and answer `.openDraft`. The
    /// reducer has filled everything else (conversation, currency) from `AppState`.
    case startDraft(PaymentDraft)
    /// Keep the draft in the journal (on every change), so a crash loses nothing.
    case saveDraft(PaymentDraft)
    /// Create the payment, with the draft's id as the Idempotency-Key; answers `.sent` or `.sendFailed`.
    case send(PaymentDraft)
    /// Withdraw a payment (from the detail or the board); answers `.paymentUpdated` or an error toast.
    case cancel(paymentId: String)
    /// Post the payment's short link into its conversation again (the detail's or the board's
    /// `l`); answers `.linkResent` or an error toast.
    case resendLink(paymentId: String)
    /// Show this conversation's transcript: read it now and keep it current (`.conversationLoaded`
    /// on every change); nil when no screen shows one, so nothing reads it.
    case followConversation(String?)
    /// Put text on the clipboard (OSC 52 where the terminal allows it).
    case copy(String)
    /// Poll the board now (starting its poller if it is not running yet).
    case refreshBoard
    /// The board's refresh interval or pause changed.
    case boardPolling(BoardPolling)
    /// Write the board's CSV; answered by a toast saying where.
    case exportCSV(BoardExport)
    /// Create the trainer's demo payment through QuiqAPI; the answer returns as
    /// `.handshake(.signal(.paymentCreated))` or `.handshake(.creationFailed)`.
    case createDemoPayment
    /// Give a template's draft a fresh id and answer `.openTemplateDraft`.
    case startTemplateDraft(DraftText)
}
