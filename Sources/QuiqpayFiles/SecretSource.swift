import Foundation

/// Where a secret of `quiqpay merchant` comes from, so it need never be typed on the command
/// line, where `ps` shows it to every user of the machine and the shell keeps it in its history.
/// The reader of secrets given as a file or on standard input, as `SecretFile` is their writer.
public struct SecretSource: Sendable {
    /// `--secret`, `--payment-key`: still accepted, with a warning.
    public var flag: String?
    /// `--secret-file`, `--payment-key-file`: a path, or `-` for standard input.
    public var file: String?
    /// The names of the two options and of the environment variable, for messages.
    public var flagName: String
    public var fileName: String
    public var variable: String

    public init(flag: String?, file: String?, flagName: String, fileName: String, variable: String) {
        self.flag = flag
        self.file = file
        self.flagName = flagName
        self.fileName = fileName
        self.variable = variable
    }

    /// Whether a value was given one way or another (the sandbox file may give it otherwise).
    public func isGiven(environment: [String: String]) -> Bool {
        flag != nil || file != nil || !(environment[variable] ?? "").isEmpty
    }

    /// Rejects giving both the flag and the file.
    public func validate() throws(SecretSourceError) {
        if flag != nil, file != nil { throw .bothGiven(flagName: flagName, fileName: fileName, variable: variable) }
    }

    /// What to tell the user when the secret came as a flag, which `ps` shows.
    public var flagWarning: String {
        "warning: \(flagName) is visible to every user in `ps` and stays in your shell history; "
            + "use \(fileName) FILE, \(fileName) - (standard input) or \(variable) instead."
    }

    /// The value from the flag (after `warn` is told `flagWarning`), the file or standard input, else nil.
    public func explicitValue(warn: (String) -> Void) throws(SecretSourceError) -> String? {
        if let flag {
            warn(flagWarning)
            return flag
        }
        guard let file else { return nil }
        let where_ = file == "-" ? "standard input" : file
        // A FileHandle, not FileManager.contents: a pipe such as `<(pass show quiq/api)` reads too.
        guard let handle = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
            throw .unreadable(fileName: fileName, path: file)
        }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            // A folder, a device that fails: said, never a crash.
            throw .readFailed(fileName: fileName, source: where_, reason: error.localizedDescription)
        }
        if file != "-" { try? handle.close() }  // read already; a failed close loses nothing
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(fileName: fileName, source: where_) }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw .empty(fileName: fileName, source: where_) }
        return value
    }

    /// The environment variable's value, when set and not empty.
    public func environmentValue(_ environment: [String: String]) -> String? {
        environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Why a secret could not be taken from where it was given; never includes the secret.
public enum SecretSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    case bothGiven(flagName: String, fileName: String, variable: String)
    case unreadable(fileName: String, path: String)
    case readFailed(fileName: String, source: String, reason: String)
    case notText(fileName: String, source: String)
    case empty(fileName: String, source: String)

    public var description: String {
        switch self {
        case .bothGiven(let flagName, let fileName, let variable):
            "Give \(flagName) or \(fileName), not both; prefer \(fileName) (or \(variable)), which `ps` does not show."
        case .unreadable(let fileName, let path):
            "Cannot read \(fileName) \(path): check that the file exists and that you may read it."
        case .readFailed(let fileName, let source, let reason):
            "Cannot read \(fileName) \(source) (\(reason)): give a file that holds the secret."
        case .notText(let fileName, let source):
            "\(fileName) \(source) is not UTF-8 text: write the secret alone on one line."
        case .empty(let fileName, let source):
            "\(fileName) \(source) is empty: write the secret alone on one line."
        }
    }
}
