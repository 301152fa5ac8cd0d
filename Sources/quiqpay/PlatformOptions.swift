import ArgumentParser
import QuiqpayFiles

/// Options every command that talks to the platform shares: where to connect, where files
/// are, and how to print.
struct PlatformOptions: ParsableArguments {
    @Option(name: .long, help: "A Quiq tenant name or base URL (overrides QUIQ_SITE and config.yaml).")
    var site: String?

    @Option(name: .customLong("data-dir"), help: "quiqpay's data folder: DIR/journal.sqlite and the sandbox in DIR/sandbox (default: $XDG_DATA_HOME/quiqpay).")
    var dataDirectory: String?

    @Option(name: .long, help: "Read this config file instead of $XDG_CONFIG_HOME/quiqpay/config.yaml.")
    var config: String?

    @Flag(name: .long, help: "Print only JSON on stdout; messages go to stderr.")
    var json = false

    /// Where every file is, for these options in `environment`.
    func paths(_ environment: [String: String]) -> DataPaths {
        DataPaths(dataDirectory: dataDirectory, configFile: config, environment: environment)
    }
}
