import Foundation
import PaymentCore
import Screen

/// Draws the preview: what the customer will see, the link the platform will build (with a
/// placeholder token) and the claims it will mint into that token.
enum PreviewView {
    static func render(_ state: AppState, into frame: inout Frame, body: Rect) {
        guard let compose = state.compose else { return }
        let draft = compose.draft
        var lines: [(String, Role)] = [
            (" What the customer will see", .accent),
            ("   " + draft.description, .text),
        ]
        for item in draft.lineItems {
            let amount = Money(minorUnits: item.amount ?? 0, currency: draft.currency).formatted(.symbol)
            lines.append(("     \(item.quantity) × \(item.name)  \(amount)", .text))
        }
        lines.append(("   Total " + (draft.total?.formatted(.symbol) ?? "?"), .accent))
        lines.append(("", .text))
        lines.append((" The link the platform will build", .accent))
        lines.append(("   " + link(collectionUrl: state.collectionUrl, key: draft.key), .text))
        lines.append(("   posted to the customer as a short link once sent", .muted))
        lines.append(("", .text))
        lines.append((" Claims the platform will mint (ES256, header kid)", .accent))
        for (name, value) in claims(draft: draft, state: state) {
            lines.append(("   " + name.padding(toLength: 5, withPad: " ", startingAt: 0) + value, .text))
        }
        if compose.sending { lines.append(("", .text)); lines.append((" Sending…", .statusPending)) }
        for (i, (text, role)) in lines.enumerated() where i < body.rows {
            frame.write(text, row: body.row + i, col: body.col, role: role, limit: body.cols)
        }
    }

    /// `collectionUrl?token=<token>&key=...`, with the token a placeholder until it is minted.
    static func link(collectionUrl: String?, key: String?) -> String {
        let base = collectionUrl ?? "<collection URL>"
        let separator = base.contains("?") ? "&" : "?"
        return base + separator + "token=<token>" + (key.map { "&key=" + PaymentLink.percentEncoded($0) } ?? "")
    }

    static func claims(draft: PaymentDraft, state: AppState) -> [(String, String)] {
        let expiry = draft.expiresInSeconds.map { "iat + " + ExpiryDuration.text(for: $0) } ?? "iat + the platform's default"
        return [
            ("iss", state.platformBaseURL ?? state.status.site),
            ("aud", "quiq-custom-pay"),
            ("sub", "<payment id>"),
            ("cid", draft.conversationId),
            ("iat", "when sent"),
            ("nbf", "when sent"),
            ("exp", expiry),
            ("jti", "<unique id>"),
        ]
    }
}
