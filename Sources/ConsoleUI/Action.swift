import Foundation
import Screen

/// Everything that can happen to the console: keys, terminal events, clock ticks and the
/// results of effects. Background tasks only ever talk to the UI by sending these.
public indirect enum Action: Hashable, Sendable {
    // Input from the terminal.
    case key(KeyEvent)
    case paste(String)
    case resize(Size)
    /// The clock: sent at least once a second so ages and the clock column move.
    case tick(Date)

    // The shell.
    case quit
    case redraw
    case toggleHelp
    case closeHelp
    case scrollHelp(Int)
    case openPrompt
    case prompt(PromptCommand)
    /// Runs a command line (without the leading `:`), as typed at the prompt.
    case run(String)
    case switchScreen(ScreenID)
    case askConfirm(ConfirmDialog)
    case answerConfirm(Bool)
    case showToast(Toast)
    case dismissToast

    // Results the runtime reports back.
    case setTheme(String)
    case themeApplied(String)
    case connection(ConnectionState)
    case pollSucceeded(Date)

    // Screens.
    case payments(PaymentsCommand)
    case handshake(HandshakeCommand)
}
