import PaymentCore

/// The side pane's text for each step, built from what really travelled. Credentials never
/// reach these values: the Basic-auth header and the Payment Key header are shown only as
/// `••••`, and the token (a bearer of the payment) only by its first characters and claims.
enum HandshakePayload {
    static let redacted = "••••"

    /// A token cut to what identifies it on screen.
    static func short(_ token: String) -> String { token.count > 12 ? String(token.prefix(10)) + "…" : token }

    /// A URL with the token query value shortened.
    static func shortURL(_ url: String) -> String {
        guard let range = url.range(of: "token=") else { return url }
        let rest = url[range.upperBound...]
        let token = rest.prefix { $0 != "&" }
        return String(url[..<range.upperBound]) + short(String(token)) + rest.dropFirst(token.count)
    }

    static func money(_ amount: Int64, _ currency: String) -> String {
        Currency(code: currency).map { Money(minorUnits: amount, currency: $0).formatted(.code) } ?? "\(amount) \(currency)"
    }

    static func created(_ message: PaymentMessage) -> [String] {
        var lines = ["POST …/conversations/{id}/payment-requests",
                     "Authorization: Basic \(redacted)",
                     "→ created, \(message.status.rawValue)",
                     "description: \(message.payment.description)",
                     "amount: \(money(message.payment.amount, message.payment.currency))"]
        for item in message.payment.lineItems {
            lines.append("  \(item.quantity) × \(item.name) \(money(item.unitAmount, message.payment.currency))")
        }
        if let url = message.paymentUrl { lines.append("url: \(shortURL(url))") }
        if let short = message.shortUrl { lines.append("short link: \(short)") }
        if let token = message.token, let inspection = TokenInspection(token: token) {
            lines.append("token claims:")
            for claim in inspection.claims where ["sub", "cid", "aud", "exp"].contains(claim.name) {
                lines.append("  \(claim.name): \(claim.value)")
            }
        }
        return lines
    }

    static func shortLink(_ code: String) -> [String] {
        ["GET /p/\(code)", "→ redirected to the collection URL"]
    }

    static let pageRequested = ["GET /pay?token=…&key=…", "(the Payment Collection URL)"]

    static func read(_ message: PaymentMessage) -> [String] {
        ["GET …/custom-interactions/{token}",
         "Authorization: Basic \(redacted)",
         "→ 200 status \(message.status.rawValue)",
         "amount: \(money(message.payment.amount, message.payment.currency))",
         "response: \(message.response == nil ? "none yet" : "already replied")"]
    }

    static func pageServed(amount: Money?) -> [String] {
        ["200 text/html: pay \(amount?.formatted(.code) ?? "the amount")", "button → the processor's card page", "form carries a CSRF token"]
    }

    static func card(last4: String) -> [String] {
        ["card details into the processor's fields", "POST on the processor's origin only", "card •••• •••• •••• \(last4)", "→ pm_… token back to the Client"]
    }

    static func processor(outcome: PaymentOutcome, transactionId: String?, message: String, amount: Money?) -> [String] {
        var lines = ["charge pm_… \(amount?.formatted(.code) ?? "")", "Authorization: Bearer \(redacted)", "→ \(outcome.rawValue)"]
        if let transactionId { lines.append("transaction: \(transactionId)") }
        if !message.isEmpty { lines.append(message) }
        return lines
    }

    static func reply(status: Int, message: PaymentMessage?) -> [String] {
        var lines = ["POST …/custom-interactions/{token}/reply",
                     "Authorization: Basic \(redacted)",
                     "X-Quiq-Payment-Key: \(redacted)"]
        if let response = message?.response {
            lines.append("{\"outcome\": \"\(response.outcome.rawValue)\"}")
        }
        lines.append("→ \(status)" + (message.map { " status \($0.status.rawValue)" } ?? ""))
        return lines
    }

    /// What the agent side saw of a step it cannot watch: the status its polling read.
    static func seenByPolling(_ message: PaymentMessage, step: HandshakeStep) -> [String] {
        var lines = ["seen by the agent's polling:", "GET …/payment-requests/{id}", "→ status \(message.status.rawValue)"]
        if step == .resultReported, let response = message.response {
            lines.append("Client replied \(response.outcome.rawValue)")
        }
        lines.append("(the Client's own requests are not visible from here)")
        return lines
    }
}
