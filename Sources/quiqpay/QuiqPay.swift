import ArgumentParser
import PaymentCore

/// The `quiqpay` command: the console (the default) and the commands around it.
@main
struct QuiqPay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiqpay",
        abstract: "A terminal console for Quiq's Custom Pay Framework.",
        discussion: "With no command, quiqpay opens the full-screen console.",
        subcommands: [ConsoleCommand.self, CurrenciesCommand.self, ThemesCommand.self, SandboxCommand.self,
                      MerchantCommand.self, BenchCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )
}
