import Foundation

/// config.yaml's `secretCommand`: a shell command (`pass show quiq/api`) that prints the API
/// secret on its standard output. The secret then lives in the user's password store, not in
/// the file, and never on a command line: `ps` shows `/bin/sh -c pass show quiq/api`, the
/// secret only travels through the pipe.
public enum SecretCommand {
    /// Runs `command` through `/bin/sh -c` and returns what it printed, less one trailing
    /// newline. Standard input and standard error stay the terminal's, so `pass` can ask for
    /// a passphrase and say why it failed; what it printed on stdout is never shown.
    public static func run(_ command: String, configPath: String,
                           environment: [String: String]) throws(ConfigurationError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            throw .secretCommand(path: configPath, problem: .couldNotStart)
        }
        let data: Data
        do {
            data = try pipe.fileHandleForReading.readToEnd() ?? Data()
        } catch {
            process.waitUntilExit()
            throw .secretCommand(path: configPath, problem: .unreadableOutput)
        }
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            throw .secretCommand(path: configPath, problem: .killed(signal: process.terminationStatus))
        }
        guard process.terminationStatus == 0 else {
            throw .secretCommand(path: configPath, problem: .failed(status: process.terminationStatus))
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw .secretCommand(path: configPath, problem: .unreadableOutput)
        }
        // One line ending: "\r\n" is a single Character in Swift, so hasSuffix("\n") would miss it.
        if text.hasSuffix("\r\n") || text.hasSuffix("\n") { text.removeLast() }
        guard !text.isEmpty else { throw .secretCommand(path: configPath, problem: .empty) }
        return text
    }
}

/// Why `secretCommand` gave no secret. The sentences never include what the command printed.
public enum SecretCommandProblem: Sendable, Hashable, CustomStringConvertible {
    case failed(status: Int32)
    case killed(signal: Int32)
    case empty
    case unreadableOutput
    case couldNotStart
    /// `apiSecret` and `secretCommand` both set: which one wins would be a guess.
    case besideAPISecret

    public var description: String {
        switch self {
        case .failed(let status):
            "failed with exit status \(status): run it in a shell to see why, or set QUIQ_API_SECRET instead"
        case .killed(let signal):
            "was killed by signal \(signal): run it in a shell to see why, or set QUIQ_API_SECRET instead"
        case .empty:
            "printed nothing: make it print the API secret on standard output"
        case .unreadableOutput:
            "printed something that is not UTF-8 text: make it print the API secret alone"
        case .couldNotStart:
            "could not be started (/bin/sh is missing): set QUIQ_API_SECRET instead"
        case .besideAPISecret:
            "is set beside apiSecret: keep one of them, preferably secretCommand, and remove apiSecret"
        }
    }
}
