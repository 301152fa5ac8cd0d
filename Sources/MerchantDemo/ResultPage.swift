import PaymentCore

/// The page after the card was taken (steps 6-7), built only from what the platform recorded,
/// so a reload, a second submit or a lost race all show the one result that counts.
enum ResultPage {
    static func render(payment: PaymentMessage, record: PaymentReplyRecord, repeated: Bool, merchantName: String) -> HTML {
        let currency = payment.payment.currency
        let charged = PaymentSummary.format(record.amount, currency)
        let requested = PaymentSummary.format(payment.payment.amount, currency)
        let success = record.outcome == .success
        let earlier: HTML = repeated
            ? "<p id=\"repeat-notice\">This payment had already been submitted, so nothing more was charged. This is its result.</p>"
            : .empty
        let headline: HTML = success
            ? "<h1 id=\"outcome\" data-outcome=\"success\">Payment received</h1><p class=\"amount\">\(charged)</p>"
            : "<h1 id=\"outcome\" data-outcome=\"failure\">Payment failed</h1>"
        let message: HTML = record.message.map { "<p id=\"outcome-message\">\($0)</p>" } ?? .empty
        let override: HTML = record.amount != payment.payment.amount
            ? "<p>Requested \(requested); \(success ? "paid" : "attempted") \(charged).</p>"
            : .empty
        let transaction: HTML = record.transactionId.map { "<dt>Transaction</dt><dd id=\"transaction\">\($0)</dd>" } ?? .empty
        let next: HTML = success
            ? "<p>You can close this page: the agent in your conversation has been told.</p>"
            : "<p>You were not charged. Ask the agent in your conversation for a new payment link to try again.</p>"
        let body: HTML = """
            <div class="notice \(success ? "ok" : "bad")">
            \(headline)
            \(message)
            </div>
            \(earlier)
            <h2>\(payment.payment.description)</h2>
            \(override)
            \(PaymentSummary.details(payment.payment, amount: record.amount, lineItems: record.lineItems))
            <dl class="meta"><dt>Status</dt><dd id="status">\(payment.status.rawValue)</dd>\(transaction)</dl>
            \(next)
            """
        return PageLayout.document(title: success ? "Payment received" : "Payment failed", merchantName: merchantName, body: body)
    }
}

/// The page for a request the Client refuses: says why, in one sentence, with the right status.
enum RefusalPage {
    static func render(_ refusal: Refusal, merchantName: String) -> HTML {
        var extra: HTML = .empty
        if case .alreadyFinished(let payment) = refusal, let record = payment.response {
            let outcome = record.outcome == .success ? "Paid" : "Failed"
            extra = """
                <dl class="meta"><dt>Result</dt><dd id="status">\(outcome): \(PaymentSummary.format(record.amount, payment.payment.currency))</dd>\
                \(record.message.map { "<dt>Message</dt><dd>\($0)</dd>" } ?? HTML.empty)</dl>
                """
        }
        let body: HTML = """
            <div class="notice bad" data-refusal="\(refusal.code)">
            <h1>\(refusal.title)</h1>
            <p id="reason">\(refusal.reason)</p>
            </div>
            \(extra)
            """
        return PageLayout.document(title: refusal.title, merchantName: merchantName, body: body)
    }
}

/// The page after a validated card was charged but the outcome could not be recorded with Quiq.
enum ReportFailurePage {
    static func render(message: String, merchantName: String) -> HTML {
        let body: HTML = """
            <div class="notice bad" data-refusal="report_failed">
            <h1>We could not confirm your payment with Quiq</h1>
            <p id="reason">The card processor answered (\(message)) but Quiq did not record it: reload this page to send the form again; you will not be charged twice.</p>
            </div>
            """
        return PageLayout.document(title: "Payment not confirmed", merchantName: merchantName, body: body)
    }
}
