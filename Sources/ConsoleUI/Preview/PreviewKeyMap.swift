import Screen

/// What the preview's keys do.
public enum PreviewCommand: Hashable, Sendable {
    case send
    /// Send although the conversation already has an active payment for the same amount (the
    /// duplicate guard's yes).
    case sendAnyway
    case back
}

/// Keys of the preview.
public enum PreviewKeyMap {
    public static let keyMap = KeyMap<Action>("Preview", [
        KeyBinding(.enter, .preview(.send), "send the payment", bar: true),
        KeyBinding(.escape, .preview(.back), "back to editing", bar: true),
    ])
}
