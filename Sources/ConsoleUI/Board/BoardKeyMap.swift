import Screen

/// Keys of the supervisor board, of its filter while typing, and of its detail overlay.
public enum BoardKeyMap {
    public static let keyMap = KeyMap<Action>("Board", [
        KeyBinding(.down, .board(.move(1)), "next payment"),
        KeyBinding(.char("j"), .board(.move(1)), "next payment"),
        KeyBinding(.up, .board(.move(-1)), "previous payment"),
        KeyBinding(.char("k"), .board(.move(-1)), "previous payment"),
        KeyBinding(.pageDown, .board(.page(1)), "page down"),
        KeyBinding(.pageUp, .board(.page(-1)), "page up"),
        KeyBinding(.home, .board(.top), "first payment"),
        KeyBinding(.char("g"), .board(.top), "first payment"),
        KeyBinding(.end, .board(.bottom), "last payment"),
        KeyBinding(.char("G"), .board(.bottom), "last payment"),
        KeyBinding(.char("/"), .board(.editFilter), "filter (words; !word excludes)", bar: true),
        KeyBinding(.escape, .board(.clearFilter), "clear the filter"),
        KeyBinding(.char("s"), .board(.reverseSort), "reverse the sort", bar: true),
        KeyBinding(.char("S"), .board(.sortNext), "sort by the next column"),
        KeyBinding(.char(">"), .board(.sortNext), "sort by the next column"),
        KeyBinding(.char("<"), .board(.sortPrevious), "sort by the previous column"),
        KeyBinding(.char("P"), .board(.togglePause), "pause / resume refresh", bar: true),
        KeyBinding(.char("+"), .board(.faster), "refresh more often"),
        KeyBinding(.char("-"), .board(.slower), "refresh less often"),
        KeyBinding(.char("R"), .board(.refreshNow), "refresh now"),
        KeyBinding(.enter, .board(.openDetail), "payment detail"),
        KeyBinding(.char("x"), .board(.askCancel), "cancel the payment", bar: true),
        KeyBinding(.char("l"), .board(.resendLink), "resend the link"),
        KeyBinding(.char("e"), .board(.export), "export shown rows as CSV", bar: true),
    ])

    /// While typing a filter: text keys edit it, these end it.
    public static let filterKeyMap = KeyMap<Action>("Board filter", [
        KeyBinding(.enter, .board(.endFilter(keep: true)), "keep the filter", bar: true),
        KeyBinding(.escape, .board(.endFilter(keep: false)), "clear the filter", bar: true),
        KeyBinding(.f(1), .toggleHelp, "help", bar: true),
    ])

    /// While the detail overlay shows.
    public static let detailKeyMap = KeyMap<Action>("Payment detail", [
        KeyBinding(.escape, .board(.closeDetail), "close", bar: true),
        KeyBinding(.enter, .board(.closeDetail), "close"),
        KeyBinding(.char("x"), .board(.askCancel), "cancel the payment", bar: true),
        KeyBinding(.char("l"), .board(.resendLink), "resend the link", bar: true),
        KeyBinding(.f(1), .toggleHelp, "help", bar: true),
    ])
}
