import PaymentCore

/// The Payment Collection page (step 4): what is being paid for and the card form. Every value
/// from the platform or the form goes through `HTML` interpolation and is therefore escaped.
enum PaymentPage {
    /// What the form posts back besides the card: the token, the mirrored key and the CSRF token.
    struct Hidden: Sendable {
        let token: String
        let key: String?
        let csrf: String
    }

    static func render(payment: PaymentMessage, hidden: Hidden, kept: KeptFields = KeptFields(),
                       errors: [FormField: String] = [:], merchantName: String) -> HTML {
        let total = PaymentSummary.format(payment.payment.amount, payment.payment.currency)
        let summary: HTML = errors.isEmpty ? .empty : """
            <div class="summary" role="alert" id="error-summary">\(errors.count == 1 ? "Check the field marked below." : "Check the \(errors.count) fields marked below.")</div>
            """
        let body: HTML = """
            <h1>\(payment.payment.description)</h1>
            <p class="lead">Amount due</p>
            <p class="amount" id="amount">\(total)</p>
            \(PaymentSummary.details(payment.payment))
            <h2>Pay by card</h2>
            \(summary)
            <form method="post" action="/pay" autocomplete="on" novalidate>
            <input type="hidden" name="token" value="\(hidden.token)">
            \(hidden.key.map { key -> HTML in "<input type=\"hidden\" name=\"key\" value=\"\(key)\">" })
            <input type="hidden" name="csrf" value="\(hidden.csrf)">
            \(field(.name, value: kept.name, errors: errors, attributes: "autocomplete=\"cc-name\" maxlength=\"100\""))
            \(field(.number, value: "", errors: errors, attributes: "autocomplete=\"cc-number\" inputmode=\"numeric\" maxlength=\"23\" placeholder=\"1234 1234 1234 1234\""))
            <div class="row">
            \(field(.expiry, value: kept.expiry, errors: errors, hint: "MM/YY", attributes: "autocomplete=\"cc-exp\" inputmode=\"numeric\" maxlength=\"7\" placeholder=\"MM/YY\""))
            \(field(.cvc, value: kept.cvc, errors: errors, hint: "3 or 4 digits", attributes: "autocomplete=\"cc-csc\" inputmode=\"numeric\" maxlength=\"4\" placeholder=\"123\""))
            </div>
            <details\(errors[.tip] != nil || errors[.partial] != nil || !kept.tip.isEmpty || !kept.partial.isEmpty ? HTML(trusted: " open") : .empty)>
            <summary>Add a tip or pay part now</summary>
            \(field(.tip, value: kept.tip, errors: errors, hint: "optional, \(payment.payment.currency)", attributes: "inputmode=\"decimal\""))
            \(field(.partial, value: kept.partial, errors: errors, hint: "optional, at most \(total)", attributes: "inputmode=\"decimal\""))
            </details>
            <button type="submit" id="pay">Pay \(total)</button>
            </form>
            \(testCards)
            """
        return PageLayout.document(title: "Pay \(total)", merchantName: merchantName, body: body)
    }

    private static func field(_ field: FormField, value: String, errors: [FormField: String], hint: String? = nil, attributes: String) -> HTML {
        let id = "f-\(field.rawValue)"
        let error = errors[field]
        let hintHTML: HTML = hint.map { " <span class=\"hint\">(\($0))</span>" } ?? .empty
        let invalid: HTML = error == nil ? .empty : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\""
        let errorHTML: HTML = error.map { "<p class=\"error\" id=\"\(id)-error\">\($0)</p>" } ?? .empty
        return """
            <div class="field"><label for="\(id)">\(field.label)\(hintHTML)</label>
            <input id="\(id)" name="\(field.rawValue)" type="text" value="\(value)" \(HTML(trusted: attributes))\(invalid)>
            \(errorHTML)</div>
            """
    }

    private static var testCards: HTML {
        let items = FakeProcessor.testCards.map { card -> HTML in "<li><code>\(card.number)</code> \(card.result)</li>" }
        return """
            <aside class="testcards"><strong>Test cards</strong> (any future expiry, any 3-digit code):
            <ul>\(items)</ul></aside>
            """
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
