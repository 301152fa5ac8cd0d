import ArgumentParser
import MerchantDemo

/// The fake processor's charge delay, as `merchant` and `processor` take it.
enum ProcessorDelay {
    static func validate(milliseconds: Int, flag: String) throws {
        let longest = Int(ProcessorConfiguration.longestDelay.components.seconds) * 1000
        guard (0...longest).contains(milliseconds) else {
            throw ValidationError("Give \(flag) from 0 to \(longest): the Client stops waiting for a charge after 20 s.")
        }
    }
}
