import ArgumentParser
import ConsoleApp
import Foundation
import QuiqClient
import QuiqpayFiles

/// `quiqpay config init`: a commented config.yaml to start from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Write quiqpay's configuration file.", subcommands: [ConfigInitCommand.self])
}

/// Writes config.yaml with the site and key identity, never the secret: that comes from
/// `secretCommand` (default `pass show quiq/api`) or `QUIQ_API_SECRET`.
struct ConfigInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented config.yaml with no secret in it.",
        discussion: "The API secret comes from secretCommand, run through /bin/sh (default: pass show quiq/api), or with --secret-from-environment from QUIQ_API_SECRET. An existing file is kept unless --force.")

    @Option(help: "The Quiq site: a tenant name or base URL (default: QUIQ_SITE).")
    var site: String?

    @Option(help: "The agent API key's identity (default: QUIQ_API_IDENTITY).")
    var identity: String?

    @Option(help: "The conversation new payments go to.")
    var conversation: String?

    @Option(name: .customLong("secret-command"), help: "A command that prints the API secret (default: pass show quiq/api).")
    var secretCommand: String?

    @Flag(name: .customLong("secret-from-environment"), help: "Write no secretCommand: the secret comes from QUIQ_API_SECRET.")
    var secretFromEnvironment = false

    @Flag(help: "Replace an existing config file.")
    var force = false

    @Option(help: "Write this file instead of $XDG_CONFIG_HOME/quiqpay/config.yaml.")
    var config: String?

    func run() throws {
        if secretCommand != nil, secretFromEnvironment {
            throw CommandFailure.badInput("Give --secret-command or --secret-from-environment, not both.")
        }
        let environment = ProcessInfo.processInfo.environment
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let path = DataPaths(configFile: config, environment: environment).configFile
        let secret: ConfigTemplate.SecretSource = secretFromEnvironment ? .environment : .command(secretCommand ?? ConfigTemplate.suggestedCommand)
        let text = try ConfigTemplate.text(site: site ?? env("QUIQ_SITE"), identity: identity ?? env("QUIQ_API_IDENTITY"),
                                           conversation: conversation, secret: secret)
        try ConfigTemplate.write(text, to: path, force: force)
        say("Wrote \(path) (no secret in it: the API secret comes from \(secret.origin)). Check it with `quiqpay doctor`.")
    }
}
