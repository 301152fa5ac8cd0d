/// Reads a list page's `next` from the end of its JSON without parsing the items, so the next
/// page can be fetched while this one is decoded. API.md's pages end with it
/// (`...],"next":"CURSOR"}` or `"next":null}`); anything else answers nil, and the caller
/// decodes the page to learn the cursor.
enum TrailingCursor {
    /// `.some(nil)`: the last page; `.some(cursor)`: the next one; nil: not in that plain form.
    static func next(in body: some BidirectionalCollection<UInt8>) -> String?? {
        var end = body.endIndex
        func skipSpace() {
            while end > body.startIndex, [0x20, 0x09, 0x0A, 0x0D].contains(body[body.index(before: end)]) {
                end = body.index(before: end)
            }
        }
        /// Consumes `text` (ASCII) ending at `end`.
        func expect(_ text: String) -> Bool {
            for byte in text.utf8.reversed() {
                guard end > body.startIndex, body[body.index(before: end)] == byte else { return false }
                end = body.index(before: end)
            }
            return true
        }
        skipSpace()
        guard expect("}") else { return nil }
        skipSpace()
        let value: String?
        if expect("null") {
            value = nil
        } else {
            guard expect("\"") else { return nil }
            let close = end
            while end > body.startIndex, body[body.index(before: end)] != UInt8(ascii: "\"") {
                let byte = body[body.index(before: end)]
                // Escapes or control characters: leave those to the real decoder.
                guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { return nil }
                end = body.index(before: end)
            }
            let open = end
            guard expect("\"") else { return nil }
            value = String(decoding: body[open..<close], as: UTF8.self)
        }
        skipSpace()
        guard expect(":") else { return nil }
        skipSpace()
        guard expect("\"next\"") else { return nil }
        skipSpace()
        // The member before it, or the object's start: `next` belongs to the outer object only
        // if what precedes it is `,` or `{` (a nested object would end in `}}`, caught above).
        guard end > body.startIndex, [UInt8(ascii: ","), UInt8(ascii: "{")].contains(body[body.index(before: end)]) else { return nil }
        return .some(value)
    }
}
