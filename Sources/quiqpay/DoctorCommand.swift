import ArgumentParser
import ConsoleApp
import Foundation
import QuiqClient

/// `quiqpay doctor`: the configured site, keys, settings, routes, clock and terminal, one
/// line per check. The checks live in ConsoleApp's Doctor; this prints them and exits.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the configured site: DNS, TCP, TLS, the keys and their roles, the settings, every route, the clock, the terminal.",
        discussion: "One line per check, with the fix under any that fails. Exit codes as for the other commands: 0 nothing failed (warnings allowed), 1 the platform said no, 2 bad configuration, 3 unreachable.")

    @OptionGroup var platform: PlatformOptions

    func run() async throws {
        let output = Output(json: platform.json)
        let environment = ProcessInfo.processInfo.environment
        var checks = await SiteDoctor.checks(flags: .init(site: platform.site), paths: platform.paths(environment),
                                             environment: environment) { output.note($0) }
        checks += TerminalChecks.checks(TerminalChecks.Facts(environment: environment))
        if output.json {
            output.emit(checks)
        } else {
            for line in DoctorReport.lines(checks) { output.result(line) }
            output.result(DoctorReport.summary(checks))
        }
        let code = DoctorReport.exitCode(checks)
        guard code == 0 else {
            output.note("error: \(checks.filter { $0.outcome == .fail }.count) of \(checks.count) checks failed: fix the lines marked FAIL.")
            throw ExitCode(code)
        }
    }
}
