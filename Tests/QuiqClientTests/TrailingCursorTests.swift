import Testing
@testable import QuiqClient

/// The cursor read from a page's tail must be exactly what a JSON decoder would read, or nil.
@Suite("Trailing cursor")
struct TrailingCursorTests {
    static func next(_ json: String) -> String?? { TrailingCursor.next(in: Array(json.utf8)) }

    @Test("API.md's page shapes: a cursor, the last page, and whitespace around them")
    func plainShapes() {
        #expect(Self.next(#"{"items":[{"id":"a"}],"next":"cDE6NTAw"}"#) == .some("cDE6NTAw"))
        #expect(Self.next(#"{"items":[],"next":null}"#) == .some(nil))
        #expect(Self.next("{\"items\": [],\n  \"next\" : \"abc\"\n}\n") == .some("abc"))
        #expect(Self.next(#"{"next":"only"}"#) == .some("only"))
    }

    @Test("anything else is left to the decoder: nil, never a wrong cursor")
    func otherShapes() {
        #expect(Self.next(#"{"next":"x","items":[]}"#) == nil)                      // not last
        #expect(Self.next(#"{"items":[{"id":"a","next":"inner"}]}"#) == nil)        // nested, no outer next
        #expect(Self.next(#"{"a":{"next":"inner"}}"#) == nil)                        // nested object
        #expect(Self.next(#"{"items":[],"xnext":"y"}"#) == nil)                      // another key
        #expect(Self.next(#"{"items":[],"next":"a\"b"}"#) == nil)                    // escapes
        #expect(Self.next(#"{"items":[],"next":17}"#) == nil)                        // not a string
        #expect(Self.next("") == nil)
        #expect(Self.next("}") == nil)
    }
}
