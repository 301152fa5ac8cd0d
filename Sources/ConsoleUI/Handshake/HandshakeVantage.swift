/// How much of the handshake this console can see. With the embedded platform (plain
/// `quiqpay` or `quiqpay demo`) the sandbox and the reference Client report every step as it
/// happens. Against a live site only the agent side is visible: the payment it created and the
/// status changes its polling sees (opened means the Client read it; paid or failed means the
/// Client replied); the user's browser, the Client's page and the processor stay out of sight.
public enum HandshakeVantage: Hashable, Sendable {
    case wholeFlow
    case agentSide

    /// The steps the agent side learns of, by what the platform tells it.
    public static let agentObservable: Set<HandshakeStep> = [.paymentMessage, .clientReads, .resultReported]

    /// Whether `step` can light up from here.
    public func observes(_ step: HandshakeStep) -> Bool {
        self == .wholeFlow || Self.agentObservable.contains(step)
    }
}
