import Screen

/// Keys of a payment's detail.
public enum DetailKeyMap {
    public static let keyMap = KeyMap<Action>("Payment", [
        KeyBinding(.escape, .detail(.back), "back to the payments", bar: true),
        KeyBinding(.char("x"), .detail(.cancel), "cancel the payment", bar: true),
        KeyBinding(.char("l"), .detail(.resendLink), "resend the link", bar: true),
        KeyBinding(.char("r"), .detail(.reopen), "re-open as a new draft", bar: true),
        KeyBinding(.char("y"), .detail(.copyShortLink), "copy the short link", bar: true),
        KeyBinding(.char("Y"), .detail(.copyFullLink), "copy the full link"),
        KeyBinding(.down, .detail(.scroll(1)), "scroll down"),
        KeyBinding(.char("j"), .detail(.scroll(1)), "scroll down"),
        KeyBinding(.up, .detail(.scroll(-1)), "scroll up"),
        KeyBinding(.char("k"), .detail(.scroll(-1)), "scroll up"),
    ])
}
