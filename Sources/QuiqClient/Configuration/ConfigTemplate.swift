import Foundation
import QuiqpayFiles

/// The commented `config.yaml` that `quiqpay config init` writes. It never holds the API
/// secret: the secret comes from `secretCommand` (a password manager) or `QUIQ_API_SECRET`.
public enum ConfigTemplate {
    /// Where the API secret will come from.
    public enum SecretSource: Sendable, Hashable {
        /// `secretCommand:` in the file, run through /bin/sh.
        case command(String)
        /// `QUIQ_API_SECRET` in the environment; the file only says so.
        case environment

        /// Where the secret comes from, as a sentence names it: `QUIQ_API_SECRET` or the command, quoted.
        public var origin: String {
            switch self {
            case .command(let command): "`\(command)`"
            case .environment: "QUIQ_API_SECRET"
            }
        }
    }

    /// What `config init` offers when told nothing else: the `pass` password store's entry.
    public static let suggestedCommand = "pass show quiq/api"

    /// The file's text. `site` and `identity` are written when known, else left as commented
    /// examples; values are double-quoted so any text reads back exactly.
    public static func text(site: String?, identity: String?, conversation: String?,
                            secret: SecretSource) throws(ConfigurationError) -> String {
        if let site { _ = try SiteAddress.baseURL(for: site) }
        let given = [("site", site), ("apiIdentity", identity), ("conversation", conversation), ("secretCommand", secret.command)]
        for case let (name, value?) in given
        where value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) || value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalidSetting(name: name, reason: "give it as one line of text without control characters")
        }
        func line(_ key: String, _ value: String?, example: String) -> String {
            value.map { "\(key): \(quoted($0))" } ?? "# \(key): \(example)"
        }
        var lines = [
            "# quiqpay's configuration, written by `quiqpay config init`.",
            "# Environment variables override it (QUIQ_SITE, QUIQ_API_IDENTITY, QUIQ_API_SECRET,",
            "# QUIQ_CONVERSATION, QUIQPAY_CURRENCY), and flags override both.",
            "# Check the result with `quiqpay doctor`.",
            "",
            "# The Quiq site: a tenant name (acme means https://acme.goquiq.com) or a base URL.",
            line("site", site, example: "acme"),
            "",
            "# The agent API key's identity. Its secret is never written in this file.",
            line("apiIdentity", identity, example: "7f0c2a9e-..."),
            "",
            "# Where the secret comes from: a command, run through /bin/sh, that prints it on",
            "# standard output (one trailing newline is dropped), e.g. pass, gopass, `op read ...`.",
        ]
        switch secret {
        case .command(let command):
            lines += [
                "secretCommand: \(quoted(command))",
                "# Or remove secretCommand and export QUIQ_API_SECRET in the shell that runs quiqpay.",
            ]
        case .environment:
            lines += [
                "# secretCommand: \(quoted(suggestedCommand))",
                "# As written, the secret comes from QUIQ_API_SECRET in the shell that runs quiqpay.",
            ]
        }
        lines += [
            "",
            "# The conversation new payments go to.",
            line("conversation", conversation, example: "a918f237-..."),
            "",
            "# What new payments start in (an ISO 4217 code), the colour theme, the request timeout.",
            "# currency: USD",
            "# theme: default",
            "# timeoutSeconds: 10",
            "",
            "# Any operation of docs/API.md pointed elsewhere, or the changes feed turned off:",
            "# endpoints:",
            "#   getPayment: GET /api/v2/payments/{id}",
            "#   listPaymentChanges: off",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// Writes `text` to `path` (mode 0600, through a temporary file), creating its folder.
    /// An existing file is kept unless `force`.
    public static func write(_ text: String, to path: String, force: Bool) throws(ConfigurationError) {
        // A file created between this check and the rename is replaced: the same user's own race.
        if !force, FileManager.default.fileExists(atPath: path) { throw .configExists(path: path) }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .unwritableConfig(path: path, reason: "its folder cannot be created")
        }
        do throws(SecretFileError) {
            try SecretFile.write(Data(text.utf8), to: path)
        } catch {
            throw .unwritableConfig(path: path, reason: error.reason)
        }
    }

    /// A YAML double-quoted scalar: backslashes and quotes escaped, so any one line reads back.
    static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension ConfigTemplate.SecretSource {
    var command: String? { if case .command(let text) = self { text } else { nil } }
}
