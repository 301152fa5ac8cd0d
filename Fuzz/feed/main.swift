// libFuzzer target: the list's own decoder of changes answers (QuiqClient's JSONBytes and
// ListedPayment+Scan), told against JSONDecoder on the same bytes: whatever it reads, JSONDecoder
// must read too, to the same payments. Built by Fuzz/run.sh over Sources/PaymentCore and those files.
import Foundation

func require(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError("broken promise: \(what())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeed(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let scanned = ListedPayment.scannedChangesAnswer(bytes) else { return 0 }
    let text = String(decoding: bytes, as: UTF8.self)
    guard let decoded = try? JSONDecoder().decode(FeedAnswer<ListedPayment>.self, from: Data(bytes)) else {
        fatalError("broken promise: read an answer JSONDecoder refuses: \(text)")
    }
    require(scanned.items == decoded.items, "items differ from JSONDecoder's: \(text)")
    require(scanned.cursor == decoded.cursor && scanned.more == decoded.more, "cursor or more differ: \(text)")
    return 0
}
