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

/// The page frame every response shares: one stylesheet from our own origin, no scripts.
enum PageLayout {
    static func document(title: String, merchantName: String, body: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(title) · \(merchantName)</title>
        <link rel="stylesheet" href="\(Stylesheet.path)">
        </head>
        <body>
        <header class="topbar"><span class="brand">\(merchantName)</span><span class="badge" title="No real card is charged">Test mode</span></header>
        <main class="sheet">
        \(body)
        </main>
        <footer class="foot">Secure checkout for a payment requested in your Quiq conversation. Card details go to the payment processor only.</footer>
        </body>
        </html>
        """
    }
}
