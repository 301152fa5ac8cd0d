import ArgumentParser

/// Options every command that talks to the platform shares: where to connect and how to print.
struct PlatformOptions: ParsableArguments {
    @Option(name: .long, help: "A Quiq tenant name or base URL (overrides QUIQ_SITE and config.yaml).")
    var site: String?

    @Option(name: .customLong("data-dir"), help: "The sandbox's data directory, where a running sandbox writes sandbox.json.")
    var dataDirectory: String?

    @Option(name: .long, help: "Read this config file instead of $XDG_CONFIG_HOME/quiqpay/config.yaml.")
    var config: String?

    @Flag(name: .long, help: "Print only JSON on stdout; messages go to stderr.")
    var json = false
}
