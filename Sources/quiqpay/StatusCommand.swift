import ArgumentParser
import Foundation
import PaymentCore
import QuiqClient

/// `quiqpay status ID`: one payment as the platform sees it now.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print a payment: status, amounts, the Client's response and its events.")

    @OptionGroup var platform: PlatformOptions

    @Argument(help: "The payment's id.")
    var id: String

    func run() async throws {
        let context = try CommandContext.make(platform)
        try await context.run { context in
            await context.show(try await context.api.payment(id: id)) { $0.detailText }
        }
    }
}
