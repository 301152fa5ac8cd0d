/// The five parties of the Custom Pay handshake, left to right as the diagram draws them.
public enum Lifeline: Int, Hashable, Sendable, CaseIterable {
    case user, agent, quiq, client, processor

    public var name: String {
        switch self {
        case .user: "User"
        case .agent: "Agent"
        case .quiq: "Quiq"
        case .client: "Client"
        case .processor: "Processor"
        }
    }
}

/// The seven steps of `custom-pay-framework.txt`, each drawn as one arrow between two lifelines.
public enum HandshakeStep: Int, Hashable, Sendable, CaseIterable, Comparable {
    case paymentMessage = 1, linkClicked, clientReads, pageReturned, cardEntered, processorCharge, resultReported

    public static func < (lhs: HandshakeStep, rhs: HandshakeStep) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The step's name as the framework document titles it, shortened to fit a diagram row.
    public var title: String {
        switch self {
        case .paymentMessage: "payment message"
        case .linkClicked: "opens link"
        case .clientReads: "GET message"
        case .pageReturned: "payment page"
        case .cardEntered: "card details"
        case .processorCharge: "charge pm_…"
        case .resultReported: "reply result"
        }
    }

    /// The document's own heading for the step, for the payload pane.
    public var heading: String {
        switch self {
        case .paymentMessage: "Agent creates the payment message"
        case .linkClicked: "User clicks the payment link"
        case .clientReads: "Client reads the payment from Quiq"
        case .pageReturned: "Client returns the payment page"
        case .cardEntered: "User types the card into the processor's fields"
        case .processorCharge: "Client submits the payment"
        case .resultReported: "Client reports the result"
        }
    }

    /// Where the arrow starts and where it points.
    public var arrow: (from: Lifeline, to: Lifeline) {
        switch self {
        case .paymentMessage: (.agent, .quiq)
        case .linkClicked: (.user, .client)
        case .clientReads: (.client, .quiq)
        case .pageReturned: (.client, .user)
        // The card goes to the processor's own page, never to the Client (the PCI split).
        case .cardEntered: (.user, .processor)
        case .processorCharge: (.client, .processor)
        case .resultReported: (.client, .quiq)
        }
    }
}
