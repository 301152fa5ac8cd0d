import Foundation
import PaymentCore
import Screen

/// Everything the console shows, as one value: `render` is a function of it and the size.
public struct AppState: Hashable, Sendable {
    public var screen: ScreenID = .payments
    /// The terminal's size as last reported, so the reducer can page by what is visible.
    public var size: Size
    /// The clock as of the last tick; render never reads the system clock.
    public var now: Date
    /// Offset from UTC for the clock column, in seconds (the runtime passes the local one).
    public var utcOffsetSeconds: Int
    public var status: StatusInfo
    public var themeName: String
    /// Themes that exist, for `:theme` completion.
    public var themeNames: [String]

    public var showingHelp = false
    public var helpScroll = 0
    /// The `:` prompt while it is open.
    public var prompt: CommandPrompt?
    /// Commands run at the prompt, oldest first.
    public var commandHistory: [String] = []
    /// The modal question while it is open.
    public var confirm: ConfirmDialog?
    public var toast: Toast?

    public var payments = PaymentsState()
    /// Every payment this console knows, newest first: what the payments list, the detail,
    /// the board and the handshake view read.
    public var paymentMessages: [PaymentMessage] = []
    /// The conversation new payments go to, and its transcript as last read.
    public var conversationId: String?
    /// The currency new payments start in (QUIQPAY_CURRENCY or config.yaml, via `.platform`).
    public var newDraftCurrency: Currency = .usd
    public var conversation: Conversation?
    /// The platform's base URL (`iss` of its tokens) and Payment Collection URL, when known.
    public var platformBaseURL: String?
    public var collectionUrl: String?
    /// The payment being composed (kept when Compose is left with Esc).
    public var compose: ComposeState?
    public var detail = DetailState()
    public var board = BoardState()
    public var handshake = HandshakeState()
    /// Products and templates from `catalog.yaml` (`.catalogLoaded`); empty without one.
    public var catalog = ProductCatalog.empty
    /// The list `n` opens when the catalogue has templates.
    public var templatePicker: TemplatePicker?

    public init(size: Size, now: Date, utcOffsetSeconds: Int = 0, status: StatusInfo = StatusInfo(),
                themeName: String = "default", themeNames: [String] = []) {
        self.size = size
        self.now = now
        self.utcOffsetSeconds = utcOffsetSeconds
        self.status = status
        self.themeName = themeName
        self.themeNames = themeNames
    }

    /// The key map of `screen`: what its keys do, what its help and key bar show.
    public static func keyMap(for screen: ScreenID) -> KeyMap<Action> {
        switch screen {
        case .payments: PaymentsKeyMap.keyMap
        case .compose: ComposeKeyMap.keyMap
        case .preview: PreviewKeyMap.keyMap
        case .detail: DetailKeyMap.keyMap
        case .board: BoardKeyMap.keyMap
        case .handshake: HandshakeKeyMap.keyMap
        }
    }

    /// The conversation whose transcript is on screen (the detail's), which the runtime keeps
    /// current; nil on every other screen, so nothing reads one.
    public var shownConversationId: String? {
        guard screen == .detail, let id = detail.paymentId else { return nil }
        return paymentMessages.first { $0.id == id }?.conversationId
    }

    /// Where the screen's content goes: between the status line and the key bar.
    public var body: Rect { Rect(row: 1, col: 0, rows: size.rows - 2, cols: size.cols) }
}
