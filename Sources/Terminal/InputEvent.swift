import Screen

/// What the terminal reports to the runtime loop.
public enum InputEvent: Hashable, Sendable {
    /// A key press.
    case key(KeyEvent)
    /// Text pasted in one go (bracketed paste), delivered whole so it is not read as keys.
    case paste(String)
    /// The terminal changed size; the next draw repaints everything.
    case resize(Size)
}
