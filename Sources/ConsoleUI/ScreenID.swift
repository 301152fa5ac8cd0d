/// The console's screens.
///
/// Adding a screen (say `board`) takes one case here and four small pieces; the compiler
/// points at every switch to extend:
/// 1. `Board/BoardState.swift`: the screen's state, a `BoardCommand` enum and
///    `reduced(_:visibleRows:)`; a `board` property on `AppState`; `case board(BoardCommand)` in `Action`.
/// 2. `Board/BoardKeyMap.swift`: its `KeyMap<Action>`, returned by `AppState.keyMap(for:)`
///    (help and the key bar read it); bind the global key (`F4`/`b`) in `GlobalKeyMap`.
/// 3. `Board/BoardView.swift`: `render(_:into:body:)`, called from `render` in `Render.swift`.
/// 4. One case in `reduce`; new `Effect` cases are performed by ConsoleApp's `EffectPerformer`.
/// Tests: `KeyMapReducerTests` fails until each new binding has an expectation; add snapshots.
public enum ScreenID: String, Hashable, Sendable, CaseIterable {
    case payments
    case compose
    case preview
    case detail
    case board
    case handshake

    /// The name shown in the status line and the help.
    public var title: String {
        switch self {
        case .payments: "Payments"
        case .compose: "Compose"
        case .preview: "Preview"
        case .detail: "Payment"
        case .board: "Board"
        case .handshake: "Handshake"
        }
    }
}
