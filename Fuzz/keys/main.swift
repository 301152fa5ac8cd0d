// libFuzzer target: what curses hands the terminal, turned into key events (Terminal's
// KeyDecoder, pure: ncurses' key codes are passed in). Built by Fuzz/run.sh over
// Sources/Screen, Sources/Terminal/KeyDecoder.swift and Sources/Terminal/InputEvent.swift.

/// ncurses' values for the keys the decoder maps (<curses.h>).
let codes = KeyDecoder.Codes(up: 259, down: 258, left: 260, right: 261, home: 262, end: 360, pageUp: 339, pageDown: 338,
                             insert: 331, delete: 330, backspace: 263, enter: 343, backTab: 353, resize: 410, f0: 264)

/// Reads the input as batches of raw input: each item is a tag byte and a value. Tag 0xFF ends a
/// batch; 0xFE is a key code (two bytes); 0xFD is any 32-bit value (four bytes, invalid scalars
/// included, as get_wch may hand over); anything else is that byte as a scalar.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeys(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = KeyDecoder(codes: codes)
    var batch: [RawInput] = []
    var i = 0
    func take(_ count: Int) -> UInt32? {
        guard i + count <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[i..<(i + count)] { value = value << 8 | UInt32(byte) }
        i += count
        return value
    }
    while i < bytes.count {
        let tag = bytes[i]
        i += 1
        switch tag {
        case 0xFF:
            _ = decoder.decode(batch)
            batch = []
        case 0xFE:
            guard let value = take(2) else { break }
            batch.append(.code(Int32(value)))
        case 0xFD:
            guard let value = take(4) else { break }
            batch.append(.scalar(value))
        default:
            batch.append(.scalar(UInt32(tag)))
        }
    }
    _ = decoder.decode(batch)
    _ = decoder.isInsidePaste
    return 0
}
