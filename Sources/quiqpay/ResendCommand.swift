import ArgumentParser
import QuiqClient

/// `quiqpay resend ID`: posts a payment's short link into its conversation again.
struct ResendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resend",
        abstract: "Post a pending or opened payment's link into its conversation again (no new payment).")

    @OptionGroup var platform: PlatformOptions

    @Argument(help: "The payment's id.")
    var id: String

    func run() async throws {
        let context = try CommandContext.make(platform)
        try await context.run { context in
            await context.show(try await context.api.resendLink(id: id)) { message in
                "Resent the link of payment \(message.id) (\(message.status.rawValue)): \(message.shortUrl ?? "its short link")."
            }
        }
    }
}
