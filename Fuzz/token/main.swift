// libFuzzer target: payment tokens decoded for display (PaymentCore's TokenInspection), with
// no signature check, so any text may reach it. Built by Fuzz/run.sh over Sources/PaymentCore.
import Foundation

func base64url(_ bytes: ArraySlice<UInt8>) -> String {
    Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzToken(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The input as the token text itself...
    inspect(String(decoding: bytes, as: UTF8.self))
    // ...and as header and claims JSON (split at the first NUL), so the decoder reaches the JSON.
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let header = bytes[..<split]
    let claims = split < bytes.count ? bytes[(split + 1)...] : []
    inspect(base64url(header) + "." + base64url(claims) + ".c2ln")
    return 0
}

func inspect(_ token: String) {
    guard let inspection = TokenInspection(token: token) else { return }
    for field in inspection.header + inspection.claims { _ = field.name.count + field.value.count }
    _ = inspection.claim("exp")
    _ = inspection.hashValue
}
