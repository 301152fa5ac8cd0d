import ArgumentParser
import BenchCommands
import ConsoleApp
import Foundation
import NIOCore
import NIOPosix
import PaymentCore
import QuiqClient

/// The `quiqpay` command: the console (the default) and the commands around it.
@main
struct QuiqPay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiqpay",
        abstract: "A terminal console for Quiq's Custom Pay Framework.",
        discussion: """
            With no command, quiqpay opens the full-screen console. The commands connect to \
            QUIQ_SITE with QUIQ_API_IDENTITY / QUIQ_API_SECRET (or config.yaml's secretCommand), or, with no site configured, to the \
            sandbox that `quiqpay sandbox` runs. Exit codes: 0 ok, 1 the platform said no, \
            2 bad input, 3 the platform is unreachable.
            """,
        version: Version.line,
        subcommands: [ConsoleCommand.self, BoardConsoleCommand.self, SendCommand.self, StatusCommand.self, WatchCommand.self, CancelCommand.self,
                      ResendCommand.self, DoctorCommand.self, ConfigCommand.self,
                      CurrenciesCommand.self, ThemesCommand.self, SandboxCommand.self, MerchantCommand.self, ProcessorCommand.self, DemoCommand.self,
                      BenchCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )

    /// Runs the command and maps failures to the documented exit codes; with `--json`, a
    /// failure is also printed on stdout as `{"error": {...}}`.
    static func main() async {
        // Tasks run on the event loops that do the I/O (HTTP client, sandbox server), so a
        // request does not hop between Swift's thread pool and NIO's on every step. Blocking
        // work stays off them: ncurses has its own thread, GRDB its own queues.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let json = CommandLine.arguments.contains("--json")
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            // A command that already told the user what happened (the console after a signal: 128 + n).
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            fail(failure, json: json)
        } catch let error where error is QuiqClientError || error is ConfigurationError || error is JournalError {
            fail(CommandFailure(error), json: json)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // ArgumentParser's own "Error: " would follow ours ("error: Error: ..."): one is enough.
            let message = fullMessage(for: error)
            let sentence = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
            fail(CommandFailure(message: sentence, code: CommandFailure.badInput, errorCode: "usage"), json: json)
        }
    }

    private static func fail(_ failure: CommandFailure, json: Bool) -> Never {
        FileHandle.standardError.write(Data(("error: " + failure.message + "\n").utf8))
        if json {
            struct Body: Encodable { var error: Detail }
            struct Detail: Encodable { var code: String; var message: String; var exitCode: Int32 }
            Output(json: true).emit(Body(error: Detail(code: failure.errorCode ?? "failed", message: failure.message,
                                                       exitCode: failure.code)))
        }
        Foundation.exit(failure.code)
    }
}
