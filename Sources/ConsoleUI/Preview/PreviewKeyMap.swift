import Screen

/// What the preview's keys do.
public enum PreviewCommand: Hashable, Sendable {
    case send
    case back
}

/// Keys of the preview.
public enum PreviewKeyMap {
    public static let keyMap = KeyMap<Action>("Preview", [
        KeyBinding(.enter, .preview(.send), "send the payment", bar: true),
        KeyBinding(.escape, .preview(.back), "back to editing", bar: true),
    ])
}
