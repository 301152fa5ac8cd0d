import PaymentCore

/// The Payment Collection page (step 4): what is being paid for, an optional tip or partial
/// amount, and one button that sends the browser to the processor's card page. It has no card
/// field: the card is typed on the processor's origin only. Every value from the platform or the
/// form goes through `HTML` interpolation and is therefore escaped.
enum PaymentPage {
    /// What the form posts back: the token, the mirrored key and the CSRF token.
    struct Hidden: Sendable {
        let token: String
        let key: String?
        let csrf: String

        var fields: [(String, String)] { [("token", token)] + (key.map { [("key", $0)] } ?? []) + [("csrf", csrf)] }
    }

    static func render(payment: PaymentMessage, hidden: Hidden, kept: [String: String] = [:],
                       errors: [String: String] = [:], merchantName: String) -> HTML {
        let total = PaymentSummary.format(payment.payment.amount, payment.payment.currency)
        let open = errors["tip"] != nil || errors["partial"] != nil || !(kept["tip"] ?? "").isEmpty || !(kept["partial"] ?? "").isEmpty
        let body: HTML = """
            <h1>\(payment.payment.description)</h1>
            <p class="lead">Amount due</p>
            <p class="amount" id="amount">\(total)</p>
            \(PaymentSummary.details(payment.payment))
            <h2>Pay by card</h2>
            \(PageLayout.errorSummary(errors.count))
            <form method="post" action="/pay" novalidate>
            \(PageLayout.hidden(hidden.fields))
            <details\(open ? HTML(trusted: " open") : .empty)>
            <summary>Add a tip or pay part now</summary>
            \(PageLayout.field(name: "tip", label: AmountField.tip.label, value: kept["tip"] ?? "", error: errors["tip"],
                               hint: "optional, \(payment.payment.currency)", attributes: "inputmode=\"decimal\""))
            \(PageLayout.field(name: "partial", label: AmountField.partial.label, value: kept["partial"] ?? "", error: errors["partial"],
                               hint: "optional, at most \(total)", attributes: "inputmode=\"decimal\""))
            </details>
            <button type="submit" id="pay">Pay \(total) by card</button>
            </form>
            <p class="lead">The next page is the card processor's: you type your card there.</p>
            """
        return PageLayout.document(title: "Pay \(total)", merchantName: merchantName, body: body)
    }
}

/// The parts of a payment every page shows: the line items, the total and the metadata.
enum PaymentSummary {
    /// `Money.formatted(.symbol)` for a known currency; the raw count and code otherwise.
    static func format(_ minorUnits: Int64, _ currencyCode: String) -> String {
        guard let currency = Currency(code: currencyCode) else { return "\(minorUnits) \(currencyCode)" }
        return Money(minorUnits: minorUnits, currency: currency).formatted(.symbol)
    }

    static func details(_ payment: PaymentDetails, amount: Int64? = nil, lineItems: [LineItem]? = nil) -> HTML {
        let items = lineItems ?? payment.lineItems
        let total = amount ?? payment.amount
        var parts: [HTML] = []
        if !items.isEmpty {
            let rows = items.map { item -> HTML in
                let unit = format(item.unitAmount, payment.currency)
                let line = item.amount.map { format($0, payment.currency) } ?? "—"
                return "<tr><td>\(item.name)</td><td class=\"num\">\(Int(clamping: item.quantity)) × \(unit)</td><td class=\"num\">\(line)</td></tr>"
            }
            parts.append("""
                <table class="items"><thead><tr><th>Item</th><th class="num">Qty × price</th><th class="num">Amount</th></tr></thead>
                <tbody>\(rows)</tbody>
                <tfoot><tr><td colspan="2">Total</td><td class="num">\(format(total, payment.currency))</td></tr></tfoot></table>
                """)
        }
        if !payment.metadata.isEmpty {
            let entries = payment.metadata.sorted { $0.key < $1.key }.map { entry -> HTML in "<dt>\(entry.key)</dt><dd>\(entry.value)</dd>" }
            parts.append("<h2>Order details</h2><dl class=\"meta\">\(entries)</dl>")
        }
        return HTML.join(parts)
    }
}
