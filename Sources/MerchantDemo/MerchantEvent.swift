import Foundation
import PaymentCore

/// One thing the reference Client really did, in the order of the Custom Pay handshake, so a
/// trainer's handshake view can light each arrow when it happens (never from a timer).
public struct MerchantEvent: Sendable, Hashable {
    /// What happened; the step of the seven-step flow is in each case's comment.
    public enum Kind: Sendable, Hashable {
        /// Step 2: a browser opened the Payment Collection URL.
        case pageRequested
        /// Step 3, and again in step 6 before charging: the back end read the payment from the
        /// platform; this is what it returned.
        case paymentRead(PaymentMessage)
        /// Step 4: the payment page (amount, optional tip, the button to the card page) went back to the browser.
        case pageServed
        /// Step 5: the user typed a valid card into the processor's page (published by the
        /// processor, which alone saw the card); only its last four digits are kept.
        case cardSubmitted(last4: String)
        /// Step 6: the processor's answer to the Client back end's charge, the first (and only)
        /// charge of this payment.
        case processorResult(outcome: PaymentOutcome, transactionId: String?, message: String)
        /// Step 7: the platform's HTTP status for the reply, and the message it returned if any.
        case replied(status: Int, message: PaymentMessage?)
        /// The Client refused the request; `reason` is the sentence the page showed.
        case refused(reason: String)
    }

    /// When it happened.
    public let at: Date
    /// The payment concerned, once known from a verified token.
    public let paymentId: String?
    public let kind: Kind

    public init(at: Date, paymentId: String?, kind: Kind) {
        self.at = at
        self.paymentId = paymentId
        self.kind = kind
    }
}
