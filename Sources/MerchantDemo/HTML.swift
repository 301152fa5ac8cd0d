/// A fragment of HTML whose interpolated strings are escaped unless they are themselves `HTML`.
///
/// Every page is built from these literals, so a value from the platform (a description, a line
/// item's name, metadata) or from the form can only ever reach the page escaped: forgetting to
/// escape is not possible, only choosing `HTML(trusted:)` on purpose is.
struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The markup, ready to send.
    let rendered: String

    /// Markup written by us (never a value from a request or the platform).
    init(trusted markup: String) { rendered = markup }

    init(stringLiteral value: String) { rendered = value }

    init(stringInterpolation: StringInterpolation) { rendered = stringInterpolation.output }

    static let empty = HTML(trusted: "")

    struct StringInterpolation: StringInterpolationProtocol {
        var output = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { output += literal }
        /// Text: escaped for element content and double-quoted attribute values alike.
        mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }
        mutating func appendInterpolation(_ text: Substring) { output += HTML.escape(String(text)) }
        mutating func appendInterpolation(_ number: Int) { output += String(number) }
        mutating func appendInterpolation(_ number: Int64) { output += String(number) }
        mutating func appendInterpolation(_ fragment: HTML) { output += fragment.rendered }
        mutating func appendInterpolation(_ fragments: [HTML]) { for fragment in fragments { output += fragment.rendered } }
        mutating func appendInterpolation(_ fragment: HTML?) { output += fragment?.rendered ?? "" }
    }

    /// Replaces the five characters that can end text or a quoted attribute value.
    static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Joins fragments, as `[HTML].joined()` would for strings.
    static func join(_ fragments: [HTML], separator: HTML = .empty) -> HTML {
        HTML(trusted: fragments.map(\.rendered).joined(separator: separator.rendered))
    }
}

/// The page frame every response shares: one stylesheet from the page's own origin, no scripts.
enum PageLayout {
    /// The Client's footer: where the card goes, which is not here.
    static let clientFooter = "Secure checkout for a payment requested in your Quiq conversation. You type your card on the payment processor's page, never on this shop's."

    static func document(title: String, merchantName: String, body: HTML, stylesheet: String = Stylesheet.path,
                         footer: String = clientFooter) -> HTML {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(title) · \(merchantName)</title>
        <link rel="stylesheet" href="\(stylesheet)">
        </head>
        <body>
        <header class="topbar"><span class="brand">\(merchantName)</span><span class="badge" title="No real card is charged">Test mode</span></header>
        <main class="sheet">
        \(body)
        </main>
        <footer class="foot">\(footer)</footer>
        </body>
        </html>
        """
    }

    /// One labelled text input with its error under it; `value` is escaped like everything else.
    static func field(name: String, label: String, value: String, error: String?, hint: String? = nil, attributes: String) -> HTML {
        let id = "f-\(name)"
        let hintHTML: HTML = hint.map { " <span class=\"hint\">(\($0))</span>" } ?? .empty
        let invalid: HTML = error == nil ? .empty : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\""
        let errorHTML: HTML = error.map { "<p class=\"error\" id=\"\(id)-error\">\($0)</p>" } ?? .empty
        return """
            <div class="field"><label for="\(id)">\(label)\(hintHTML)</label>
            <input id="\(id)" name="\(name)" type="text" value="\(value)" \(HTML(trusted: attributes))\(invalid)>
            \(errorHTML)</div>
            """
    }

    /// Hidden inputs, escaped.
    static func hidden(_ fields: [(String, String)]) -> HTML {
        HTML.join(fields.map { field -> HTML in "<input type=\"hidden\" name=\"\(field.0)\" value=\"\(field.1)\">" }, separator: "\n")
    }

    static func errorSummary(_ count: Int) -> HTML {
        count == 0 ? .empty : """
            <div class="summary" role="alert" id="error-summary">\(count == 1 ? "Check the field marked below." : "Check the \(count) fields marked below.")</div>
            """
    }
}
