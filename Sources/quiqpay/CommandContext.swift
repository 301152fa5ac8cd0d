import ConsoleApp
import Foundation
import PaymentCore
import QuiqClient

/// What a command needs to talk to the platform (QuiqClient's `ClientSession`, built from the
/// flags and the process environment) and where it prints.
struct CommandContext {
    let session: ClientSession
    let output: Output

    var configuration: ConsoleConfiguration { session.configuration }
    var api: QuiqAPI { session.api }

    /// Resolves the configuration and opens the client and the journal; warnings go to stderr.
    static func make(_ options: PlatformOptions, conversation: String? = nil, retry: RetryPolicy? = nil) throws -> CommandContext {
        let output = Output(json: options.json)
        let environment = ProcessInfo.processInfo.environment
        let session = try ClientSession.open(flags: ConsoleConfiguration.Flags(site: options.site, conversation: conversation),
                                             paths: options.paths(environment), environment: environment, retry: retry) { output.note($0) }
        return CommandContext(session: session, output: output)
    }

    /// Runs `body`, then closes the client; maps any error to its sentence and exit code.
    func run(_ body: (CommandContext) async throws -> Void) async throws {
        do {
            try await body(self)
            await api.shutdown()
        } catch {
            await api.shutdown()
            throw CommandFailure(error, sandbox: configuration.mode.isSandbox)
        }
    }

    /// Records the payment a command read or changed, then prints it.
    func show(_ message: PaymentMessage, text: (PaymentMessage) -> String) async {
        await session.remember(message)
        output.show(message, text: text)
    }
}
