/// Work the console asks the runtime to do; its outcome returns as an `Action`.
/// Later issues add cases such as `.send(PaymentDraft)`, `.cancel(id)`, `.saveDraft`.
public enum Effect: Hashable, Sendable {
    /// Leave the console: the runtime restores the terminal and exits 0.
    case quit
    /// Load theme NAME; the runtime answers `.themeApplied` or an error toast.
    case loadTheme(String)
    /// Repaint every cell (Ctrl-L), for a screen garbled by another program.
    case redraw
    /// Create the trainer's demo payment through QuiqAPI; the answer returns as
    /// `.handshake(.signal(.paymentCreated))` or `.handshake(.creationFailed)`.
    case createDemoPayment
}
