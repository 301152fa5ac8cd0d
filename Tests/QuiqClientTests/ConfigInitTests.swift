import Foundation
import PaymentCore
import QuiqClient
import Testing

/// `quiqpay config init` and the `secretCommand` every command reads.
@Suite("config init and secretCommand")
struct ConfigInitTests {
    @Test("the written file parses back to what was given, and holds no secret")
    func parsesBack() throws {
        let path = temporaryDirectory("config-init") + "/quiqpay/config.yaml"
        let text = try ConfigTemplate.text(site: "https://payments.example.com", identity: "7f0c \"quoted\" \\ id",
                                           conversation: nil, secret: .command("pass show 'quiq/api'"))
        try ConfigTemplate.write(text, to: path, force: false)
        var warnings: [String] = []
        let file = try #require(try ConfigFile.load(path: path, warnings: &warnings))
        #expect(file.site == "https://payments.example.com")
        #expect(file.apiIdentity == "7f0c \"quoted\" \\ id")
        #expect(file.secretCommand == "pass show 'quiq/api'")
        #expect(file.apiSecret == nil && file.conversation == nil)
        #expect(warnings.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // Refuses to replace it unless forced.
        #expect(throws: ConfigurationError.configExists(path: path)) { try ConfigTemplate.write("site: x\n", to: path, force: false) }
        let environment = try ConfigTemplate.text(site: nil, identity: nil, conversation: nil, secret: .environment)
        try ConfigTemplate.write(environment, to: path, force: true)
        let bare = try #require(try ConfigFile.load(path: path, warnings: &warnings))
        #expect(bare.site == nil && bare.secretCommand == nil && bare.apiSecret == nil)
        #expect(environment.contains("QUIQ_API_SECRET"))

        #expect(throws: ConfigurationError.self) {
            try ConfigTemplate.text(site: "acme", identity: "a\nb", conversation: nil, secret: .environment)
        }
    }

    @Test("config init writes the file once, then send and status take the secret from secretCommand")
    func initThenSendAndStatus() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: nil)
        let agent = try #require(sandbox.credentials.keys["agent"])
        let secretFile = cli.home + "/agent-secret"
        try (agent.secret + "\n").write(toFile: secretFile, atomically: true, encoding: .utf8)
        let configPath = cli.home + "/config/quiqpay/config.yaml"
        try? FileManager.default.removeItem(atPath: configPath)

        let written = try await cli.run(["config", "init", "--site", sandbox.baseURL, "--identity", agent.identity,
                                         "--conversation", sandbox.conversationId, "--secret-command", "cat \(secretFile)"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("Wrote \(configPath)"))
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
        #expect(text.contains("secretCommand: \"cat \(secretFile)\""))
        #expect(!text.contains(agent.secret))

        let again = try await cli.run(["config", "init"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists") && again.stderr.contains("--force"))
        #expect(try String(contentsOfFile: configPath, encoding: .utf8) == text)

        let sent = try await cli.run(["send", "--json", "--description", "Through secretCommand", "--amount", "12"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let message = try sent.json(PaymentMessage.self)
        let status = try await cli.run(["status", message.id])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("description  Through secretCommand"))

        // --force replaces it; the default offer is `pass show quiq/api`.
        let forced = try await cli.run(["config", "init", "--force", "--site", "acme"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: configPath, encoding: .utf8).contains("secretCommand: \"pass show quiq/api\""))
        await sandbox.stop()
    }

    @Test("a failing or silent secretCommand is one sentence naming the setting, never its output; exit 2")
    func failingCommand() async throws {
        let sandbox = try await TestSandbox.start()
        let cli = try QuiqPayProcess(sandbox: nil)
        let agent = try #require(sandbox.credentials.keys["agent"])
        let configPath = cli.home + "/config/quiqpay/config.yaml"
        let id = UUID().uuidString.lowercased()

        try cli.writeConfig("site: \(sandbox.baseURL)\napiIdentity: \(agent.identity)\nsecretCommand: \"echo leaked-output-7; exit 7\"\n")
        let failed = try await cli.run(["status", id])
        #expect(failed.status == 2)
        #expect(failed.stderr == "error: The secretCommand in \(configPath) failed with exit status 7: run it in a shell to see why, or set QUIQ_API_SECRET instead.\n")
        #expect(!(failed.stdout + failed.stderr).contains("leaked-output-7"))

        try cli.writeConfig("site: \(sandbox.baseURL)\napiIdentity: \(agent.identity)\nsecretCommand: \"printf '\\\\n'\"\n")
        let silent = try await cli.run(["send", "--description", "x", "--amount", "1"])
        #expect(silent.status == 2)
        #expect(silent.stderr.contains("The secretCommand in \(configPath) printed nothing"))

        // A secret the platform rejects: the sentence says where it came from.
        try cli.writeConfig("site: \(sandbox.baseURL)\napiIdentity: \(agent.identity)\nsecretCommand: \"echo wrong-secret-5\"\n")
        let rejected = try await cli.run(["status", id])
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("check QUIQ_API_IDENTITY / the secretCommand in \(configPath)"))
        #expect(!rejected.stderr.contains("wrong-secret-5"))

        // doctor says the same on its config line, exit 2.
        try cli.writeConfig("site: \(sandbox.baseURL)\napiIdentity: \(agent.identity)\nsecretCommand: \"exit 4\"\n")
        let doctor = try await cli.run(["doctor"], extra: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        #expect(doctor.status == 2)
        #expect(doctor.stdout.hasPrefix("FAIL  config ") && doctor.stdout.contains("failed with exit status 4"), "\(doctor.stdout)")

        // QUIQ_API_SECRET overrides it: the command is not even run.
        let overridden = try await cli.run(["status", id], extra: ["QUIQ_API_SECRET": agent.secret])
        #expect(overridden.status == 1)
        #expect(overridden.stderr.contains("Quiq has no payment"))
        await sandbox.stop()
    }

    @Test("secretCommand's output loses one trailing newline, no more; stdout is the secret, whatever else it says")
    func trimming() throws {
        let environment = ["PATH": "/usr/bin:/bin"]
        #expect(try SecretCommand.run("printf 'abc\\n\\n'", configPath: "c.yaml", environment: environment) == "abc\n")
        #expect(try SecretCommand.run("printf 'a b\\r\\n'", configPath: "c.yaml", environment: environment) == "a b")
        #expect(try SecretCommand.run("echo noise >&2; printf s3cret", configPath: "c.yaml", environment: environment) == "s3cret")
        #expect(throws: ConfigurationError.secretCommand(path: "c.yaml", problem: .empty)) {
            try SecretCommand.run("printf ''", configPath: "c.yaml", environment: environment)
        }
    }
}
