/// The processor's hosted card page (step 5): the only page that has card fields. It posts to
/// the processor's own origin; the processor then sends the browser back to the Client with a
/// payment-method token. A card number typed here is never written back into any page.
enum CardPage {
    static let footer = "Card details typed here go to the card processor only: the shop never sees them, only a one-time payment token."

    static func render(entry: CardEntry, csrf: String, kept: [String: String] = [:], errors: [String: String] = [:]) -> HTML {
        let total = PaymentSummary.format(entry.amount, entry.currency)
        let field = { (card: CardField, hint: String?, attributes: String) -> HTML in
            PageLayout.field(name: card.rawValue, label: card.label, value: kept[card.rawValue] ?? "", error: errors[card.rawValue],
                             hint: hint, attributes: attributes)
        }
        let items = TestCards.listed.map { card -> HTML in "<li><code>\(card.number)</code> \(card.result)</li>" }
        let body: HTML = """
            <h1>Card details</h1>
            <p class="lead">Amount to pay</p>
            <p class="amount" id="amount">\(total)</p>
            \(PageLayout.errorSummary(errors.count))
            <form method="post" action="\(ProcessorRoutes.cardPath)" autocomplete="on" novalidate>
            \(PageLayout.hidden(entry.fields + [("csrf", csrf)]))
            \(field(.name, nil, "autocomplete=\"cc-name\" maxlength=\"100\""))
            \(field(.number, nil, "autocomplete=\"cc-number\" inputmode=\"numeric\" maxlength=\"23\" placeholder=\"1234 1234 1234 1234\""))
            <div class="row">
            \(field(.expiry, "MM/YY", "autocomplete=\"cc-exp\" inputmode=\"numeric\" maxlength=\"7\" placeholder=\"MM/YY\""))
            \(field(.cvc, "3 or 4 digits", "autocomplete=\"cc-csc\" inputmode=\"numeric\" maxlength=\"4\" placeholder=\"123\""))
            </div>
            <button type="submit" id="pay">Pay \(total)</button>
            </form>
            <aside class="testcards"><strong>Test cards</strong> (any future expiry, any 3-digit code):
            <ul>\(items)</ul></aside>
            """
        return PageLayout.document(title: "Card details", merchantName: ProcessorRoutes.name, body: body,
                                   stylesheet: ProcessorRoutes.stylesheetPath, footer: footer)
    }

    /// The page for a card page link or form the processor will not take.
    static func refusal(_ error: CardEntryError) -> HTML {
        let body: HTML = """
            <div class="notice bad" data-refusal="card_entry">
            <h1>This card page cannot be used</h1>
            <p id="reason">\(error.sentence)</p>
            </div>
            """
        return PageLayout.document(title: "Card page not available", merchantName: ProcessorRoutes.name, body: body,
                                   stylesheet: ProcessorRoutes.stylesheetPath, footer: footer)
    }
}
