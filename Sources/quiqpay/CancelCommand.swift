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
            let message = try await context.api.cancelPayment(id: id)
            await context.remember(message)
            if context.output.json {
                context.output.emit(message)
            } else {
                context.output.result("Payment \(message.id) is \(message.status.rawValue).")
            }
        }
    }
}
