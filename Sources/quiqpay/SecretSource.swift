import Foundation

/// Where a secret of `quiqpay merchant` comes from, so it need never be typed on the command
/// line, where `ps` shows it to every user of the machine and the shell keeps it in its history.
struct SecretSource {
    /// `--secret`, `--payment-key`: still accepted, with a warning.
    var flag: String?
    /// `--secret-file`, `--payment-key-file`: a path, or `-` for standard input.
    var file: String?
    /// The names of the two options and of the environment variable, for messages.
    var flagName: String
    var fileName: String
    var variable: String

    /// Whether a value was given one way or another (the sandbox file may give it otherwise).
    func isGiven(environment: [String: String]) -> Bool {
        flag != nil || file != nil || !(environment[variable] ?? "").isEmpty
    }

    /// Rejects giving both the flag and the file.
    func validate() throws(CommandFailure) {
        if flag != nil, file != nil {
            throw .badInput("Give \(flagName) or \(fileName), not both; prefer \(fileName) (or \(variable)), which `ps` does not show.")
        }
    }

    /// The value from the flag (warning on stderr), the file or standard input, else nil.
    func explicitValue() throws(CommandFailure) -> String? {
        if let flag {
            FileHandle.standardError.write(Data(("warning: \(flagName) is visible to every user in `ps` and stays in your shell history; "
                + "use \(fileName) FILE, \(fileName) - (standard input) or \(variable) instead.\n").utf8))
            return flag
        }
        guard let file else { return nil }
        let where_ = file == "-" ? "standard input" : file
        // A FileHandle, not FileManager.contents: a pipe such as `<(pass show quiq/api)` reads too.
        guard let handle = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
            throw .badInput("Cannot read \(fileName) \(file): check that the file exists and that you may read it.")
        }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            // A folder, a device that fails: said, never a crash.
            throw .badInput("Cannot read \(fileName) \(where_) (\(error.localizedDescription)): give a file that holds the secret.")
        }
        if file != "-" { try? handle.close() }  // read already; a failed close loses nothing
        guard let text = String(data: data, encoding: .utf8) else {
            throw .badInput("\(fileName) \(where_) is not UTF-8 text: write the secret alone on one line.")
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            throw .badInput("\(fileName) \(where_) is empty: write the secret alone on one line.")
        }
        return value
    }

    /// The environment variable's value, when set and not empty.
    func environmentValue(_ environment: [String: String]) -> String? {
        environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }
}
