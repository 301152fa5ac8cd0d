import PaymentCore

/// Something that really happened in the platform or the reference Client, as the handshake
/// view hears of it. The runtime translates the sandbox's and `MerchantEvent`s one to one (this
/// module imports neither); `HandshakeState.recording` decides which step each one lights.
public enum HandshakeSignal: Hashable, Sendable {
    /// Step 1: the platform created the payment message (the agent side's answer, with link and token).
    case paymentCreated(PaymentMessage)
    /// Step 2: the platform answered a visit of the short link (`GET /p/CODE`).
    case shortLinkOpened(code: String)
    /// Step 2: a browser reached the Payment Collection URL.
    case pageRequested
    /// Step 3: the Client read the payment from the platform; what it got back.
    case paymentRead(PaymentMessage)
    /// Step 4: the Client sent the page with the card form.
    case pageServed
    /// Step 5: the user submitted a card; only its last four digits.
    case cardSubmitted(last4: String)
    /// Step 6: the processor's answer.
    case processorResult(outcome: PaymentOutcome, transactionId: String?, message: String)
    /// Step 7: the platform's HTTP status for the Client's reply, and the message it returned.
    case replied(status: Int, message: PaymentMessage?)
    /// The Client refused a request (bad token, replay...): the sentence its page showed.
    case refused(reason: String)
    /// The payment as the agent side last read it: the status changes polling sees, which are all
    /// a console against a live site learns of steps 3 and 7.
    case paymentSeen(PaymentMessage)
}
