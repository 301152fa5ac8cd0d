/// Work the console asks the runtime to do; its outcome returns as an `Action`.
/// Later issues add cases such as `.send(PaymentDraft)`, `.cancel(id)`, `.saveDraft`.
public enum Effect: Hashable, Sendable {
    /// Leave the console: the runtime restores the terminal and exits 0.
    case quit
    /// Load theme NAME; the runtime answers `.themeApplied` or an error toast.
    case loadTheme(String)
    /// Repaint every cell (Ctrl-L), for a screen garbled by another program.
    case redraw
    /// Poll the board now (starting its poller if it is not running yet).
    case refreshBoard
    /// The board's refresh interval or pause changed.
    case boardPolling(BoardPolling)
    /// Withdraw payment `id`; answered by `.board(.cancelled(row))` or an error toast.
    case cancelPayment(id: String)
    /// Write the board's CSV; answered by a toast saying where.
    case exportCSV(BoardExport)
}
