// libFuzzer target: theme files as a user writes them (Screen's ThemeParser). Built by
// Fuzz/run.sh over Sources/Screen.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let theme = try ThemeParser.parse(text, name: "fuzz", file: "fuzz.yaml")
        _ = theme
    } catch {
        if error.description.isEmpty { fatalError("an empty message for a refused theme") }
    }
    return 0
}
