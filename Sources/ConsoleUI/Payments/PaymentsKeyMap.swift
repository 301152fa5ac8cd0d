import Screen

/// Keys of the payments screen.
public enum PaymentsKeyMap {
    public static let keyMap = KeyMap<Action>("Payments", [
        KeyBinding(.enter, .payments(.open), "open the payment", bar: true),
        KeyBinding(.down, .payments(.move(1)), "next payment", bar: true),
        KeyBinding(.char("j"), .payments(.move(1)), "next payment"),
        KeyBinding(.up, .payments(.move(-1)), "previous payment", bar: true),
        KeyBinding(.char("k"), .payments(.move(-1)), "previous payment"),
        KeyBinding(.pageDown, .payments(.page(1)), "page down"),
        KeyBinding(.pageUp, .payments(.page(-1)), "page up"),
        KeyBinding(.home, .payments(.top), "first payment"),
        KeyBinding(.char("g"), .payments(.top), "first payment"),
        KeyBinding(.end, .payments(.bottom), "last payment"),
        KeyBinding(.char("G"), .payments(.bottom), "last payment"),
    ])
}
