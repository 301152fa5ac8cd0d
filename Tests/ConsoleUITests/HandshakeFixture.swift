import ConsoleUI
import Foundation
import PaymentCore

/// A demo payment as the sandbox returns it, and the signals of a whole run, for handshake tests.
extension Fixture {
    static func base64URL(_ json: String) -> String {
        Data(json.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static let demoToken = base64URL(#"{"alg":"ES256","kid":"k1","typ":"JWT"}"#) + "." + base64URL(
        #"{"iss":"http://127.0.0.1:8765","aud":"quiq-custom-pay","sub":"5b0c6f1e-1111-4222-8333-944455556666","cid":"a918f237-0000-4000-8000-000000000001","iat":1800000000,"nbf":1800000000,"exp":1800086400,"jti":"j-1"}"#) + ".c2ln"

    static func demoMessage(_ status: PaymentStatus = .pending, outcome: PaymentOutcome? = nil) -> PaymentMessage {
        PaymentMessage(
            id: "5b0c6f1e-1111-4222-8333-944455556666", conversationId: "a918f237-0000-4000-8000-000000000001",
            status: status, createdAt: "2027-01-15T08:00:00Z", expiresAt: "2027-01-16T08:00:00Z",
            payment: PaymentDetails(description: "Deposit for order 1042", currency: "USD", amount: 12_550,
                                    lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000),
                                                LineItem(name: "Shipping", quantity: 1, unitAmount: 2_550)],
                                    metadata: ["orderId": "1042"]),
            key: "order-1042", token: demoToken,
            paymentUrl: "http://127.0.0.1:9000/pay?token=\(demoToken)&key=order-1042",
            shortUrl: "http://127.0.0.1:8765/p/Xk3d9QaB",
            response: outcome.map { PaymentReplyRecord(outcome: $0, amount: 12_550, lineItems: [], transactionId: "txn_42", repliedAt: "2027-01-15T08:00:09Z") })
    }

    /// The signals of one run in the order they really arrive, each tagged with the step it lights.
    static func run(declined: Bool = false) -> [(HandshakeStep, HandshakeSignal)] {
        let outcome: PaymentOutcome = declined ? .failure : .success
        return [
            (.paymentMessage, .paymentCreated(demoMessage())),
            (.linkClicked, .shortLinkOpened(code: "Xk3d9QaB")),
            (.linkClicked, .pageRequested),
            (.clientReads, .paymentRead(demoMessage(.opened))),
            (.pageReturned, .pageServed),
            (.cardEntered, .cardSubmitted(last4: declined ? "0002" : "4242")),
            (.processorCharge, .processorResult(outcome: outcome, transactionId: declined ? nil : "txn_42",
                                                message: declined ? "Your card was declined." : "Approved")),
            (.resultReported, .replied(status: 200, message: demoMessage(outcome.status, outcome: outcome))),
        ]
    }

    /// The handshake screen after the run's signals up to and including `last`.
    static func handshake(upTo last: HandshakeStep?, declined: Bool = false, stepping: Bool = false, revealed: Int = 0,
                          from state: AppState = Fixture.state()) -> AppState {
        var s = after([.switchScreen(.handshake)], from: state)
        s.handshake.stepping = stepping
        guard let last else { return s }
        for (step, signal) in run(declined: declined) where step <= last { s = after([.handshake(.signal(signal))], from: s) }
        s.handshake.revealed = stepping ? revealed : 0
        return s
    }
}
