import ConsoleUI
import Foundation
import PaymentCore
import Screen

/// Fixed states for tests: a fixed clock (2027-01-15 08:00:00 UTC) so renders never vary.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let sizes = [Size(rows: 24, cols: 80), Size(rows: 40, cols: 120), Size(rows: 12, cols: 40)]

    static func state(_ size: Size = Size(rows: 24, cols: 80)) -> AppState {
        AppState(size: size, now: now, status: StatusInfo(mode: .sandbox, site: "sandbox (local)"),
                 themeName: "default", themeNames: ["default", "dracula", "high-contrast", "light", "monochrome", "nord"])
    }

    static func payments(_ count: Int) -> [PaymentRow] {
        let statuses = PaymentStatus.allCases
        let currencies: [Currency] = [.usd, Currency(code: "JPY") ?? .usd, Currency(code: "KWD") ?? .usd]
        return (0..<count).map { i in
            PaymentRow(id: "p\(i)", status: statuses[i % statuses.count],
                       amount: Money(minorUnits: Int64(1_250 + i * 1_001), currency: currencies[i % currencies.count]),
                       description: i % 4 == 3 ? "注文 \(i): 日本のウィジェット 🎁" : "Order \(i): widgets and gadgets",
                       createdAt: now.addingTimeInterval(Double(-i * 97)))
        }
    }

    static let conversationId = "a918f237-0c1b-4c8e-9d2a-6f1e2d3c4b5a"

    /// A valid draft with two line items and one metadata row.
    static func draft(id: String = "draft-1") -> PaymentDraft {
        PaymentDraft(id: id, conversationId: conversationId, description: "Deposit for order 1042", currency: .usd,
                     lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000, sku: "W-1"),
                                 LineItem(name: "Gadget", quantity: 1, unitAmount: 2_550),
                                 LineItem(name: "Shipping", quantity: 1, unitAmount: 0)],
                     metadata: [MetadataEntry(key: "orderId", value: "1042")])
    }

    /// A payment as the platform returns it, with a real-looking (unsigned) token.
    static func message(id: String = "5b0c1d2e-3f40-4152-8364-758697a8b9ca", status: PaymentStatus = .pending,
                        response: PaymentReplyRecord? = nil, minutesAgo: Double = 2) -> PaymentMessage {
        let created = ISO8601DateFormatter().string(from: now.addingTimeInterval(-minutesAgo * 60))
        let header = Data(#"{"alg":"ES256","kid":"k1","typ":"JWT"}"#.utf8).base64EncodedString()
        let claims = Data(#"{"iss":"http://127.0.0.1:8765","aud":"quiq-custom-pay","sub":"5b0c","cid":"a918","iat":1800000000,"nbf":1800000000,"exp":1800086400,"jti":"j1"}"#.utf8).base64EncodedString()
        var events = [PaymentEvent(at: created, status: .pending, note: "created by agent")]
        if status != .pending { events.append(PaymentEvent(at: ISO8601DateFormatter().string(from: now), status: status, note: "the Client replied")) }
        return PaymentMessage(
            id: id, conversationId: conversationId, status: status, createdAt: created,
            expiresAt: ISO8601DateFormatter().string(from: now.addingTimeInterval(86_400)),
            payment: PaymentDetails(description: "Deposit for order 1042", currency: "USD", amount: 12_550,
                                    lineItems: [LineItem(name: "Widget", quantity: 2, unitAmount: 5_000, sku: "W-1"),
                                                LineItem(name: "Gadget", quantity: 1, unitAmount: 2_550)],
                                    metadata: ["orderId": "1042"]),
            key: "k-1042", token: header + "." + claims + ".c2ln",
            paymentUrl: "http://127.0.0.1:9000/pay?token=eyJ&key=k-1042", shortUrl: "http://127.0.0.1:8765/p/Xk3d9QaB",
            response: response, events: events)
    }

    static let conversation = Conversation(id: conversationId, messages: [
        ConversationMessage(at: "2027-01-15T07:58:00Z", author: .user, text: "Can I pay the deposit now?"),
        ConversationMessage(at: "2027-01-15T07:58:10Z", author: .agent, text: "Here is your link: http://127.0.0.1:8765/p/Xk3d9QaB", paymentId: "5b0c1d2e-3f40-4152-8364-758697a8b9ca"),
        ConversationMessage(at: "2027-01-15T07:59:30Z", author: .system, text: "Payment received: $125.50", paymentId: "5b0c1d2e-3f40-4152-8364-758697a8b9ca"),
    ])

    /// Compose open on `draft`.
    static func composing(_ draft: PaymentDraft = draft(), size: Size = Size(rows: 24, cols: 80)) -> AppState {
        after([.openDraft(draft, recovered: false)], from: state(size))
    }

    /// Applies actions in order, ignoring effects.
    static func after(_ actions: [Action], from state: AppState) -> AppState {
        actions.reduce(state) { reduce($0, $1).0 }
    }
}
