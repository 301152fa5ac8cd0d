/// The first form of a served page (the Client's payment page, or the processor's card page) as
/// a browser sees it: where it posts and its hidden fields. Used by `Shopper`, which plays the user
/// without a browser, and by the tests; the page itself is `PaymentPage`.
public struct PageForm: Sendable {
    /// The form's `action`, e.g. `/pay`.
    public let action: String
    /// Hidden inputs as `(name, value)`, in page order.
    public let hidden: [(String, String)]

    /// Reads the first form of `html`; throws when the page has none (a refusal or result page).
    public init(html: String) throws(PageFormError) {
        guard let formTag = html.firstMatch(of: /<form[^>]*\baction="([^"]*)"[^>]*>/) else { throw PageFormError() }
        action = PageForm.unescape(String(formTag.1))
        var hidden: [(String, String)] = []
        for match in html.matches(of: /<input\b[^>]*>/) {
            let tag = String(match.0)
            guard tag.contains("type=\"hidden\""),
                  let name = tag.firstMatch(of: /\bname="([^"]*)"/), let value = tag.firstMatch(of: /\bvalue="([^"]*)"/) else { continue }
            hidden.append((PageForm.unescape(String(name.1)), PageForm.unescape(String(value.1))))
        }
        self.hidden = hidden
    }

    /// Undoes the escaping `HTML` interpolation applies to attribute values.
    public static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// The page held no form.
public struct PageFormError: Error, Sendable, CustomStringConvertible {
    public var description: String { "The page has no payment form: the payment was refused or already paid; open the short link again." }
}
