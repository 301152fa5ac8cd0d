import Screen

/// Keys of Compose. Other keys edit the focused field (`TextField.keyMap`) or type into it,
/// so letters never switch screens here.
public enum ComposeKeyMap {
    public static let keyMap = KeyMap<Action>("Compose", [
        KeyBinding(.tab, .compose(.next), "next field", bar: true),
        KeyBinding(.backTab, .compose(.previous), "previous field"),
        KeyBinding(.down, .compose(.down), "next row or field"),
        KeyBinding(.up, .compose(.up), "previous row or field"),
        KeyBinding(.enter, .compose(.enter), "accept, next field"),
        KeyBinding(.ctrl("n"), .compose(.addRow), "add a row", bar: true),
        KeyBinding(.ctrl("x"), .compose(.deleteRow), "delete the row", bar: true),
        KeyBinding(KeyEvent(.up, modifiers: .alt), .compose(.moveRow(-1)), "move the row up"),
        KeyBinding(.alt("k"), .compose(.moveRow(-1)), "move the row up"),
        KeyBinding(KeyEvent(.down, modifiers: .alt), .compose(.moveRow(1)), "move the row down"),
        KeyBinding(.alt("j"), .compose(.moveRow(1)), "move the row down"),
        KeyBinding(.ctrl("s"), .compose(.preview), "preview, then send", bar: true),
        KeyBinding(.escape, .compose(.leave), "leave, keeping the draft", bar: true),
    ])

    /// While the catalogue offers products for a line item's name (over `keyMap`).
    public static let offerKeyMap = KeyMap<Action>("Catalogue offers", [
        KeyBinding(.enter, .compose(.takeOffer), "take the offer", bar: true),
        KeyBinding(.down, .compose(.chooseOffer(1)), "next offer", bar: true),
        KeyBinding(.up, .compose(.chooseOffer(-1)), "previous offer"),
    ])
}
