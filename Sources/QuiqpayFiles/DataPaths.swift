import Foundation

/// Every file quiqpay reads or writes, resolved once from `--data-dir`, `--config` and the
/// environment, so the console, the commands, the sandbox, the reference Client and the
/// benchmarks all agree on where things are. `--data-dir DIR` means the same folder for every
/// command: `DIR/journal.sqlite`, `DIR/sandbox/sandbox.json`, `DIR/exports`.
public struct DataPaths: Sendable, Hashable {
    /// `--data-dir`, else `$XDG_DATA_HOME/quiqpay`, else `~/.local/share/quiqpay`.
    public var dataDirectory: String
    /// `DATA/sandbox` (or `$QUIQPAY_SANDBOX_DIR` when no `--data-dir` was given): the embedded
    /// sandbox's database, signing key and `sandbox.json`.
    public var sandboxDirectory: String
    /// `DATA/journal.sqlite`: drafts and the payments this machine sent or watched.
    public var journalPath: String
    /// `DATA/exports`: where a board CSV goes when the current folder is not writable.
    public var exportsDirectory: String
    /// `$XDG_CONFIG_HOME/quiqpay`, else `~/.config/quiqpay`.
    public var configDirectory: String
    /// `--config`, else `CONFIG/config.yaml` (whether or not it exists).
    public var configFile: String
    /// `CONFIG/themes`: user themes, which override the built-in ones by name.
    public var themesDirectory: String
    /// `CONFIG/catalog.yaml`: products and templates for Compose.
    public var catalogFile: String

    /// - Parameters:
    ///   - dataDirectory: `--data-dir`, when given.
    ///   - configFile: `--config`, when given.
    ///   - environment: the process environment (passed in, so tests set their own).
    public init(dataDirectory: String? = nil, configFile: String? = nil, environment: [String: String]) {
        func env(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        // XDG asks for absolute paths and says to ignore relative ones.
        func xdg(_ name: String) -> String? { env(name).flatMap { $0.hasPrefix("/") ? $0 : nil } }
        let home = env("HOME") ?? NSHomeDirectory()
        func absolute(_ path: String) -> String {
            if path.hasPrefix("/") { return path }
            if path.hasPrefix("~/") { return home + path.dropFirst(1) }
            return FileManager.default.currentDirectoryPath + "/" + path
        }
        let data = dataDirectory.map(absolute) ?? (xdg("XDG_DATA_HOME") ?? home + "/.local/share") + "/quiqpay"
        let config = (xdg("XDG_CONFIG_HOME") ?? home + "/.config") + "/quiqpay"
        self.dataDirectory = data
        sandboxDirectory = dataDirectory == nil ? (env("QUIQPAY_SANDBOX_DIR").map(absolute) ?? data + "/sandbox") : data + "/sandbox"
        journalPath = data + "/journal.sqlite"
        exportsDirectory = data + "/exports"
        configDirectory = config
        self.configFile = configFile.map(absolute) ?? config + "/config.yaml"
        themesDirectory = config + "/themes"
        catalogFile = config + "/catalog.yaml"
    }

    /// `DATA/processor.json`: address and keys of a `quiqpay processor` run on its own (0600).
    public var processorDescriptorPath: String { dataDirectory + "/processor.json" }

    /// `DIR/sandbox.json` of the sandbox whose data directory is `DIR`.
    public var sandboxDescriptorPath: String { SandboxDescriptor.path(inDataDirectory: sandboxDirectory) }

    /// `DIR/sandbox-ca.pem`, next to `sandbox.json`: the CA a `--tls-self-signed` sandbox made,
    /// for `QUIQ_CA_FILE` (its key, `sandbox-ca-key.pem`, is 0600).
    public var sandboxCAPath: String { SandboxDescriptor.caCertificatePath(inDataDirectory: sandboxDirectory) }
}
