import Screen

/// Keys that work on every screen when no prompt, dialog or help is open.
public enum GlobalKeyMap {
    public static let keyMap = KeyMap<Action>("Everywhere", [
        KeyBinding(.char("?"), .toggleHelp, "help", bar: true),
        KeyBinding(.f(1), .toggleHelp, "help", bar: true),
        KeyBinding(.char(":"), .openPrompt, "command prompt", bar: true),
        KeyBinding(.char("n"), .newPayment, "new payment", bar: true),
        KeyBinding(.f(2), .newPayment, "new payment"),
        KeyBinding(.f(3), .switchScreen(.payments), "payments screen"),
        KeyBinding(.char("p"), .switchScreen(.payments), "payments screen"),
        KeyBinding(.f(4), .switchScreen(.board), "supervisor board"),
        KeyBinding(.char("b"), .switchScreen(.board), "supervisor board"),
        KeyBinding(.f(5), .switchScreen(.handshake), "handshake screen"),
        KeyBinding(.char("h"), .switchScreen(.handshake), "handshake screen"),
        KeyBinding(.ctrl("l"), .redraw, "repaint the screen"),
        KeyBinding(.char("q"), .quit, "quit", bar: true),
    ])
}
