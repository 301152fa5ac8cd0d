import ArgumentParser
import PaymentCore

/// The `quiqpay` command: the console and the commands around it.
@main
struct QuiqPay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiqpay",
        abstract: "A terminal console for Quiq's Custom Pay Framework.",
        discussion: """
            The full-screen console is not built yet: for now quiqpay offers the commands below.
            """,
        subcommands: [CurrenciesCommand.self, SandboxCommand.self, BenchCommand.self, MerchantCommand.self]
    )
}
