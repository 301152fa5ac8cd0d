import ArgumentParser
import QuiqClient

/// `quiqpay cancel ID`: withdraws a payment that is still pending or opened.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Withdraw a payment request that has not been paid yet.")

    @OptionGroup var platform: PlatformOptions

    @Argument(help: "The payment's id.")
    var id: String

    func run() async throws {
        let context = try CommandContext.make(platform)
        try await context.run { context in
            await context.show(try await context.api.cancelPayment(id: id)) { "Payment \($0.id) is \($0.status.rawValue)." }
        }
    }
}
