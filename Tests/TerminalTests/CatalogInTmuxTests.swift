import Foundation
import Testing

/// The agent's day on the real binary: a catalog.yaml in XDG_CONFIG_HOME, a product taken from
/// Compose's offers, sent and resent, the duplicate guard; a broken file said once, the
/// console working without it. Part of the serialized tmux suite.
extension ConsoleInTmuxTests {
    func writeCatalog(_ session: TmuxSession, _ text: String) throws {
        let directory = session.home.appendingPathComponent("config/quiqpay")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: directory.appendingPathComponent("catalog.yaml"), atomically: true, encoding: .utf8)
    }

    @Test("""
        an agent's offer: type wid, take Widget · W-1 · 50.00, send; l resends it: the conversation \
        shows the link twice, the list one payment; a second resend at once is refused; the same \
        amount again asks first
        """)
    func catalogueOfferSentAndResent() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        try writeCatalog(session, """
            products:
              - sku: W-1
                name: Widget
                prices: {USD: 50.00, EUR: 46.00}
              - sku: GW
                name: Gift wrap
                prices: {USD: 4.50}
            """)
        try session.startConsole()
        try await session.waitFor("the console on its sandbox", timeout: 15) { lines in
            lines.first?.contains("connected") == true && lines.contains { $0.contains("No payments yet.") }
        }
        try session.keys("n")
        try await session.waitFor(text: "New payment")
        try session.type("Widget for order 7")
        // Description → Currency → Amount → the line items' Name cell.
        try session.keys("Tab")
        try session.keys("Tab")
        try session.keys("Tab")
        try await session.waitFor("the line items focused") { $0.contains { $0.contains("›Line items") } }
        try session.type("wid")
        // "w" alone offers Gift wrap too: wait for the three letters, then only Widget is offered
        // (a filter that ignored them would time out here).
        try await session.waitFor("only Widget offered for wid") { lines in
            lines.contains { $0.contains("▸ Widget · W-1 · 50.00") } && !lines.contains { $0.contains("Gift wrap") }
        }
        try session.keys("Enter")
        try await session.waitFor(text: "Total USD 50.00 (sum of the line items)")
        try await session.waitFor("the offer gone") { !$0.contains { $0.contains("▸ Widget") } }
        try session.keys("C-s")
        try await session.waitFor(text: "What the customer will see")
        try await session.waitFor(text: "1 × Widget")
        try session.keys("Enter")
        try await session.waitFor("the detail with its amount, the link posted once") { lines in
            lines.contains { $0.contains("PENDING") && $0.contains("USD 50.00") && $0.contains("Widget for order 7") }
                && lines.contains { $0.contains("Short link") && $0.contains("/p/") }
                && lines.filter { $0.contains("agent: Please pay $50.00") }.count == 1
        }
        let client = try SandboxClientSide(dataDirectory: dataDirectory(session))
        let payment = try await client.newestPayment()
        #expect(payment.payment.amount == 5_000)
        #expect(payment.payment.lineItems.map { "\($0.name) \($0.sku ?? "-") \($0.quantity) \($0.unitAmount)" } == ["Widget W-1 1 5000"])

        // Resend: the same link into the conversation again, and no second payment.
        try session.keys("l")
        try await session.waitFor("the link posted twice, the toast and the timeline", timeout: 5) { lines in
            lines.filter { $0.contains("agent: Please pay $50.00") }.count == 2
                && lines.contains { $0.contains("Resent the link into the conversation.") }
                && lines.contains { $0.contains("pending") && $0.contains("link resent") }
        }
        let payments = try await client.payments()
        #expect(payments.count == 1)
        #expect(payments.first?.id == payment.id && payments.first?.shortUrl == payment.shortUrl)

        // At once again: the platform's sentence, and no third posting.
        try session.keys("l")
        try await session.waitFor(text: "The link was resent less than a minute ago", timeout: 5)
        #expect(try session.capture().filter { $0.contains("agent: Please pay $50.00") }.count == 2)

        try session.keys("Escape")
        try await session.waitFor("the list with one payment") { lines in
            lines.filter { $0.contains("Widget for order 7") }.count == 1 && lines.contains { $0.contains("USD 50.00") }
        }

        // The same amount into the same conversation: the guard shows the existing payment first.
        try await session.composeToPreview(description: "Widget again", amount: "50.00")
        try session.keys("Enter")
        try await session.waitFor("the duplicate guard") { lines in
            lines.contains { $0.contains("Possible duplicate") } && lines.joined().contains("“Widget for order 7”")
        }
        try session.keys("n")
        try await session.waitFor("the preview again, nothing sent") { lines in
            !lines.contains { $0.contains("Possible duplicate") } && lines.contains { $0.contains("What the customer will see") }
        }
        #expect(try await client.payments().count == 1)
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }

    @Test("a broken catalog.yaml is said once, with its line and field; the console still composes without it")
    func brokenCatalogue() async throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        try writeCatalog(session, "products:\n  - sku: W-1\n    name: Widget\n    prices: {USD: 4.555}\n")
        try session.startConsole()
        let path = session.home.appendingPathComponent("config/quiqpay/catalog.yaml").path
        // The toast wraps over the blank rows above the key bar: read it with the spaces left out.
        let expected = "\(path):4: products[0].prices.USD: USD allows at most 2 decimals: round the amount.".filter { !$0.isWhitespace }
        try await session.waitFor("the catalogue's error, whole") { lines in
            lines.joined().filter { !$0.isWhitespace }.contains(expected) && lines.contains { $0.contains("No payments yet.") }
        }
        try session.keys("n")
        try await session.waitFor(text: "New payment")
        try session.keys("Tab")
        try session.keys("Tab")
        try session.keys("Tab")
        try session.type("wid")
        try await session.waitFor("the typed name, with nothing offered") { lines in
            lines.contains { $0.contains("wid") } && !lines.contains { $0.contains("▸") }
        }
        try session.keys("Escape")
        try await session.waitFor(text: "No payments yet.")
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
