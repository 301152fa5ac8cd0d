// libFuzzer target: what a person types as an amount or an expiry (PaymentCore's Money.parse,
// ExpiryDuration) and how amounts are written back. Built by Fuzz/run.sh over Sources/PaymentCore.

/// Stops the run with the input that broke a promise of the parser (libFuzzer saves it).
func require(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError("broken promise: \(what())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMoney(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let currency = Currency.all[Int(first) % Currency.all.count]
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)

    do {
        let money = try Money.parse(text, currency: currency)
        require((0...Money.maximumMinorUnits).contains(money.minorUnits), "\(text) parsed to \(money.minorUnits)")
        // Whatever parses, the console writes back in a form that parses to the same amount.
        for style in [Money.Style.plain, .code, .symbol] {
            let written = money.formatted(style)
            let again = try? Money.parse(written, currency: currency)
            require(again == money, "\(text) -> \(written) -> \(String(describing: again))")
        }
    } catch {
        require(!error.description.isEmpty, "an empty message for \(text)")
    }

    // Any Int64 formats, including the extremes.
    if bytes.count >= 9 {
        var raw: UInt64 = 0
        for byte in bytes[1...8] { raw = raw << 8 | UInt64(byte) }
        let money = Money(minorUnits: Int64(bitPattern: raw), currency: currency)
        for style in [Money.Style.plain, .code, .symbol] { _ = money.formatted(style) }
    }

    do {
        let seconds = try ExpiryDuration.seconds(from: text)
        require(PaymentRules.expiresInSeconds.contains(seconds), "\(text) gave \(seconds) s")
        require((try? ExpiryDuration.seconds(from: ExpiryDuration.text(for: seconds))) == seconds, "\(seconds) s does not round-trip")
    } catch {
        require(!error.description.isEmpty, "an empty message for \(text)")
    }
    _ = Currency.matching(text)
    return 0
}
