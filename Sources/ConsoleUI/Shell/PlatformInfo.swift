import PaymentCore

/// What the console knows of the platform it talks to, once its services started: the UI's
/// own copy, so new drafts and the preview need nothing from the services.
public struct PlatformInfo: Hashable, Sendable {
    public var mode: Mode
    /// The site as the status line shows it.
    public var site: String
    /// The platform's base URL (`iss` of its tokens).
    public var baseURL: String?
    /// The conversation new payments go to.
    public var conversationId: String?
    /// The currency new payments start in.
    public var currency: Currency
    /// The Payment Collection URL when known (the preview builds its link from it).
    public var collectionUrl: String?
    /// What the Handshake screen can see: every step with the embedded platform, only the
    /// agent side's view against a live site.
    public var vantage: HandshakeVantage

    public init(mode: Mode, site: String, baseURL: String? = nil, conversationId: String? = nil, currency: Currency = .usd,
                collectionUrl: String? = nil, vantage: HandshakeVantage = .wholeFlow) {
        self.mode = mode
        self.site = site
        self.baseURL = baseURL
        self.conversationId = conversationId
        self.currency = currency
        self.collectionUrl = collectionUrl
        self.vantage = vantage
    }
}
