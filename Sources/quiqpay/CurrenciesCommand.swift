import ArgumentParser
import PaymentCore

/// `quiqpay currencies`: the ISO 4217 table the console and the sandbox validate against.
struct CurrenciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "currencies",
        abstract: "List the ISO 4217 currencies with their minor-unit exponents.")

    @Argument(help: "Show only currencies whose code or name contains this text.")
    var filter: String = ""

    func run() {
        for currency in Currency.matching(filter) {
            let example = Money(minorUnits: 1_234_567 , currency: currency)
            print("\(currency.code)  \(currency.exponent)  \(example.formatted(.symbol).padding(18))  \(currency.name)")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
