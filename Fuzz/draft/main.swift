// libFuzzer target: payment bodies and drafts as JSON from outside (the sandbox's create and
// reply bodies, the console's saved drafts) and the rules on them. Built by Fuzz/run.sh over
// Sources/PaymentCore.
import Foundation

func require(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError("broken promise: \(what())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDraft(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let json = Data(bytes: data, count: size)
    let decoder = JSONDecoder()

    if let request = try? decoder.decode(PaymentRequest.self, from: json) {
        let violations = request.violations()
        // A body with no violation always has an amount within the platform's limits.
        if violations.isEmpty {
            let amount = request.resolvedAmount
            require(amount.map(PaymentRules.amount.contains) == true, "accepted with amount \(String(describing: amount))")
        }
        require(violations.allSatisfy { !$0.field.isEmpty && $0.message.hasSuffix(".") }, "\(violations)")
    }
    if let draft = try? decoder.decode(PaymentDraft.self, from: json) {
        let violations = draft.validate()
        _ = draft.total?.formatted()
        if violations.isEmpty { require(draft.request.violations().isEmpty, "a valid draft sends an invalid body") }
    }
    if let reply = try? decoder.decode(PaymentReply.self, from: json) {
        _ = reply.violations()
    }
    if let items = try? decoder.decode([LineItem].self, from: json) {
        if let total = LineItem.total(of: items) {
            require(items.allSatisfy { $0.amount != nil }, "a total over a line that overflows")
            _ = total
        }
        _ = PaymentRequest.amountViolations(amount: nil, lineItems: items, field: "amount", itemsField: "lineItems")
    }
    if let update = try? decoder.decode(PaymentSettingsUpdate.self, from: json) {
        _ = update.violations()
    }
    return 0
}
