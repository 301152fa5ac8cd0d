import Screen

/// Keys of the handshake screen: the agent's step 1, and a trainer's stepping and selection.
public enum HandshakeKeyMap {
    public static let keyMap = KeyMap<Action>("Handshake", [
        KeyBinding(.char("n"), .handshake(.newPayment), "new demo payment (step 1)", bar: true),
        KeyBinding(.enter, .handshake(.newPayment), "new demo payment (step 1)"),
        KeyBinding(.char(" "), .handshake(.revealNext), "reveal the next step", bar: true),
        KeyBinding(.char("s"), .handshake(.toggleStepping), "stepping on/off", bar: true),
        KeyBinding(.down, .handshake(.select(1)), "payload of the next step"),
        KeyBinding(.char("j"), .handshake(.select(1)), "payload of the next step"),
        KeyBinding(.up, .handshake(.select(-1)), "payload of the previous step"),
        KeyBinding(.char("k"), .handshake(.select(-1)), "payload of the previous step"),
    ])
}
