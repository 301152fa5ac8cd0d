/// A forward reader of JSON text in place, for the list's own decoder (`ListedPayment+Scan`).
/// It checks the grammar of everything it passes over, including what it skips, and answers
/// nil (or false) at anything it does not take: the caller then decodes with JSONDecoder,
/// which either reads it too or names what is wrong. So it never accepts what JSONDecoder
/// would refuse, and the hand-written path needs no error messages of its own.
struct JSONBytes {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    /// Deeper values than this are left to JSONDecoder.
    private static let depthLimit = 64

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Only white space is left.
    mutating func atEnd() -> Bool {
        skipSpace()
        return index == bytes.count
    }

    /// Takes `byte` (after white space) when it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Takes `null` when it is next.
    mutating func takeNull() -> Bool {
        skipSpace()
        return takeLiteral("null")
    }

    /// Reads an object's members in order: `member` gets each key (as raw UTF-8, nil when it
    /// has escapes) and must read its value. False when the object is malformed or `member` is.
    mutating func object(_ member: (inout JSONBytes, UnsafeRawBufferPointer?) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            skipSpace()
            guard let key = rawString(), take(UInt8(ascii: ":")), member(&self, key.escaped ? nil : key.raw) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// Reads an array's elements in order: `element` must read each one.
    mutating func array(_ element: (inout JSONBytes) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    /// A string value, its escapes undone; nil when the next value is not a valid string.
    mutating func string() -> String? {
        skipSpace()
        guard let token = rawString() else { return nil }
        if !token.escaped {
            return token.ascii ? String(decoding: token.raw, as: UTF8.self) : String(validating: token.raw, as: UTF8.self)
        }
        return Self.unescaped(token.raw)
    }

    /// `true` or `false`; nil otherwise.
    mutating func bool() -> Bool? {
        skipSpace()
        if takeLiteral("true") { return true }
        if takeLiteral("false") { return false }
        return nil
    }

    /// A whole number that fits in 64 bits, written without fraction or exponent; nil
    /// otherwise (JSONDecoder then decides).
    mutating func integer() -> Int64? {
        skipSpace()
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var value: Int64 = 0
        while index < bytes.count, let digit = Self.digit(bytes[index]) {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
            index += 1
        }
        let length = index - start
        guard length > 0, length == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) { return nil }
        return negative ? -value : value
    }

    /// Passes over one value of any kind, checking its grammar.
    mutating func skipValue() -> Bool {
        skipValue(depth: 0)
    }

    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < Self.depthLimit else { return false }
        skipSpace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object { reader, _ in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): return array { reader in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            guard let token = rawString() else { return false }
            return !token.escaped || Self.unescaped(token.raw) != nil
        case UInt8(ascii: "t"): return takeLiteral("true")
        case UInt8(ascii: "f"): return takeLiteral("false")
        case UInt8(ascii: "n"): return takeLiteral("null")
        default: return skipNumber()
        }
    }

    // MARK: - Tokens

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func takeLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// The bytes between a string's quotes, with whether they hold escapes and only ASCII.
    /// Nil for an unterminated string, a control character in it, or (non-ASCII) bad UTF-8.
    private mutating func rawString() -> (raw: UnsafeRawBufferPointer, escaped: Bool, ascii: Bool)? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        var escaped = false
        var ascii = true
        while index < bytes.count {
            // Eight bytes at a time while none of them needs a look (most of a payment's bytes).
            while bytes.count - index >= 8, Self.plain(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1  // the escaped character cannot end the string
            }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        index += 1
        if !ascii, String(validating: raw, as: UTF8.self) == nil { return nil }
        return (raw, escaped, ascii)
    }

    /// None of the eight bytes in `word` is a quote, a backslash, a control character or
    /// outside ASCII (the classic "has a zero byte" and "has a byte less than n" word tests,
    /// exact for ASCII bytes).
    private static func plain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        return word & highs == 0
            && (word &- ones &* 0x20) & ~word & highs == 0
            && !hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\""))))
            && !hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\\"))))
    }

    private mutating func skipNumber() -> Bool {
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let whole = digits()
        guard whole > 0, whole == 1 || bytes[index - whole] != UInt8(ascii: "0") else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return true
    }

    /// Passes over decimal digits; how many.
    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, Self.digit(bytes[index]) != nil { index += 1 }
        return index - start
    }

    private static func digit(_ byte: UInt8) -> Int64? {
        (0x30...0x39).contains(byte) ? Int64(byte - 0x30) : nil
    }

    /// A string's raw bytes with its escapes undone; nil for an invalid escape or a lone
    /// surrogate.
    private static func unescaped(_ raw: UnsafeRawBufferPointer) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < raw.count else { return nil }
            i += 2
            switch raw[i - 1] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(raw, at: i) else { return nil }
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u"),
                          let low = hex4(raw, at: i + 2), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                UTF8.encode(unicode) { out.append($0) }
            default:
                return nil
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hex4(_ raw: UnsafeRawBufferPointer, at start: Int) -> UInt32? {
        guard start + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for byte in raw[start..<start + 4] {
            let nibble: UInt32
            switch byte {
            case 0x30...0x39: nibble = UInt32(byte - 0x30)
            case 0x41...0x46: nibble = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: nibble = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | nibble
        }
        return value
    }
}
