import QuiqpayFiles
import Foundation
import QuiqClient
import Sandbox
import Testing

@Suite("Configuration: flags > environment > config.yaml > the sandbox")
struct ConfigurationTests {
    /// A HOME with XDG directories, a config file and a sandbox.json.
    struct Home {
        let root = temporaryDirectory("config-home")
        var configHome: String { root + "/config" }
        var dataHome: String { root + "/data" }
        var configPath: String { configHome + "/quiqpay/config.yaml" }
        var environment: [String: String] { ["HOME": root, "XDG_CONFIG_HOME": configHome, "XDG_DATA_HOME": dataHome] }

        func writeConfig(_ text: String, mode: Int = 0o600) throws {
            try FileManager.default.createDirectory(atPath: configHome + "/quiqpay", withIntermediateDirectories: true)
            try text.write(toFile: configPath, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: configPath)
        }

        func writeSandbox() throws {
            try SandboxDescriptor(baseUrl: "http://127.0.0.1:4321",
                                  keys: ["agent": .init(identity: "agent-id", secret: "agent-secret"),
                                         "admin": .init(identity: "admin-id", secret: "admin-secret")],
                                  paymentKey: "pk", conversationId: "11111111-2222-3333-4444-555555555555",
                                  collectionUrl: "http://127.0.0.1:4321/pay")
                .write(toDataDirectory: dataHome + "/quiqpay/sandbox")
        }
    }

    @Test("each layer wins over the ones below it, for the site and for the conversation")
    func precedence() throws {
        let home = Home()
        try home.writeSandbox()
        var environment = home.environment

        // Nothing configured: the sandbox, with its own demo conversation and agent key.
        var resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: environment)
        #expect(resolved.mode == .sandbox(dataDirectory: home.dataHome + "/quiqpay/sandbox"))
        #expect(resolved.baseURL == "http://127.0.0.1:4321")
        #expect(resolved.credentials == Credentials(identity: "agent-id", secret: "agent-secret"))
        #expect(resolved.conversationId == "11111111-2222-3333-4444-555555555555")
        #expect(resolved.paths.journalPath == home.dataHome + "/quiqpay/journal.sqlite")

        try home.writeConfig("""
            site: filetenant
            apiIdentity: file-id
            apiSecret: file-secret
            conversation: conversation-from-file
            theme: light
            """)
        resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: environment)
        #expect(resolved.baseURL == "https://filetenant.goquiq.com")
        #expect(resolved.credentials == Credentials(identity: "file-id", secret: "file-secret"))
        #expect(resolved.conversationId == "conversation-from-file")
        #expect(resolved.theme == "light")

        environment["QUIQ_SITE"] = "https://payments.example.com/api/v1/"
        environment["QUIQ_API_IDENTITY"] = "env-id"
        environment["QUIQ_API_SECRET"] = "env-secret"
        environment["QUIQ_CONVERSATION"] = "conversation-from-env"
        environment["QUIQPAY_THEME"] = "monochrome"
        resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: environment)
        #expect(resolved.baseURL == "https://payments.example.com")
        #expect(resolved.credentials == Credentials(identity: "env-id", secret: "env-secret"))
        #expect(resolved.conversationId == "conversation-from-env")
        #expect(resolved.theme == "monochrome")

        resolved = try ConsoleConfiguration.resolve(
            flags: .init(site: "flagtenant", conversation: "conversation-from-flag", theme: "high-contrast"),
            environment: environment)
        #expect(resolved.baseURL == "https://flagtenant.goquiq.com")
        #expect(resolved.mode == .live(site: "flagtenant"))
        #expect(resolved.conversationId == "conversation-from-flag")
        #expect(resolved.theme == "high-contrast")
    }

    @Test("a sandbox embedded in this process stands in for sandbox.json, below every configured site")
    func embedded() throws {
        let home = Home()
        let embedded = SandboxDescriptor(baseUrl: "http://127.0.0.1:9999", keys: ["agent": .init(identity: "e", secret: "s")],
                                         paymentKey: "pk", conversationId: "embedded-conversation", collectionUrl: "http://127.0.0.1:9999/pay")
        var resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment, embeddedSandbox: embedded)
        #expect(resolved.mode.isSandbox && resolved.baseURL == "http://127.0.0.1:9999")
        #expect(resolved.conversationId == "embedded-conversation")
        var environment = home.environment
        environment["QUIQ_SITE"] = "acme"
        environment["QUIQ_API_IDENTITY"] = "id"
        environment["QUIQ_API_SECRET"] = "secret"
        resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: environment, embeddedSandbox: embedded)
        #expect(resolved.mode == .live(site: "acme"))
    }

    @Test("new payments start in QUIQPAY_CURRENCY, else config.yaml's currency, else USD; an unknown code says where it came from")
    func defaultCurrency() throws {
        let home = Home()
        try home.writeSandbox()
        var environment = home.environment
        #expect(try ConsoleConfiguration.resolve(flags: .init(), environment: environment).currency.code == "USD")
        try home.writeConfig("currency: EUR\n")
        #expect(try ConsoleConfiguration.resolve(flags: .init(), environment: environment).currency.code == "EUR")
        environment["QUIQPAY_CURRENCY"] = "jpy"
        #expect(try ConsoleConfiguration.resolve(flags: .init(), environment: environment).currency.code == "JPY")
        environment["QUIQPAY_CURRENCY"] = "XYZ"
        #expect(throws: ConfigurationError.invalidCurrency("XYZ", source: "QUIQPAY_CURRENCY")) {
            try ConsoleConfiguration.resolve(flags: .init(), environment: environment)
        }
    }

    @Test("QUIQ_SITE is a tenant name or a full base URL")
    func siteAddress() throws {
        #expect(try SiteAddress.baseURL(for: "acme") == "https://acme.goquiq.com")
        #expect(try SiteAddress.baseURL(for: "Acme-EU") == "https://acme-eu.goquiq.com")
        #expect(try SiteAddress.baseURL(for: "https://pay.example.com/") == "https://pay.example.com")
        #expect(try SiteAddress.baseURL(for: "http://127.0.0.1:8080/api/v1") == "http://127.0.0.1:8080")
        #expect(try SiteAddress.baseURL(for: "https://gw.example.com/quiq") == "https://gw.example.com/quiq")
        #expect(throws: ConfigurationError.invalidSite("ftp://x")) { try SiteAddress.baseURL(for: "ftp://x") }
        #expect(throws: ConfigurationError.self) { try SiteAddress.baseURL(for: "acme corp") }
    }

    @Test("a config file holding a secret that others can read draws a warning; a private one does not")
    func permissionsWarning() throws {
        let home = Home()
        try home.writeConfig("site: acme\napiIdentity: id\napiSecret: very-secret-value\n", mode: 0o644)
        var resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment)
        #expect(resolved.warnings.count == 1)
        #expect(resolved.warnings.first?.contains("chmod 600 \(home.configPath)") == true)
        #expect(resolved.warnings.first?.contains("very-secret-value") == false)

        try home.writeConfig("site: acme\napiIdentity: id\napiSecret: very-secret-value\n", mode: 0o600)
        resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment)
        #expect(resolved.warnings.isEmpty)

        try home.writeConfig("site: acme\n", mode: 0o644)
        var environment = home.environment
        environment["QUIQ_API_IDENTITY"] = "id"
        environment["QUIQ_API_SECRET"] = "s"
        resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: environment)
        #expect(resolved.warnings.isEmpty)
    }

    @Test("what is missing or wrong is said in one sentence")
    func errors() throws {
        let home = Home()
        #expect(throws: ConfigurationError.noSandbox(dataDirectory: home.dataHome + "/quiqpay/sandbox")) {
            try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment)
        }
        #expect(ConfigurationError.noSandbox(dataDirectory: "/d").description
            == "No sandbox is running (nothing in /d): start one with `quiqpay sandbox` or set QUIQ_SITE.")

        var environment = home.environment
        environment["QUIQ_SITE"] = "acme"
        #expect(throws: ConfigurationError.missingCredentials(site: "https://acme.goquiq.com")) {
            try ConsoleConfiguration.resolve(flags: .init(), environment: environment)
        }

        try home.writeConfig("endpoints:\n  getPayment: [not, a, string]\n")
        #expect(throws: ConfigurationError.self) { try ConsoleConfiguration.resolve(flags: .init(), environment: environment) }
        try home.writeConfig("endpoints:\n  chargeCard: POST /x\n")
        do {
            _ = try ConsoleConfiguration.resolve(flags: .init(), environment: environment)
            Issue.record("an unknown operation was accepted")
        } catch {
            #expect(error.description.contains("chargeCard"))
        }
    }

    @Test("endpoints and watcher tuning in config.yaml reach the client")
    func fileTuning() throws {
        let home = Home()
        try home.writeConfig("""
            site: acme
            apiIdentity: id
            apiSecret: s
            timeoutSeconds: 3
            endpoints:
              getPayment: GET /api/v2/payments/{id}
              cancelPayment: /api/v2/payments/{id}/void
            watcher:
              concurrency: 4
              youngInterval: 1
              maxInterval: 10
            """)
        let resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment)
        #expect(resolved.endpoints[.getPayment] == Endpoint(method: "GET", pathTemplate: "/api/v2/payments/{id}"))
        #expect(resolved.endpoints[.cancelPayment] == Endpoint(method: "POST", pathTemplate: "/api/v2/payments/{id}/void"))
        #expect(resolved.endpoints[.listPayments] == EndpointTable.standard[.listPayments])
        #expect(resolved.timeout == 3)
        #expect(resolved.watch.concurrency == 4 && resolved.watch.youngInterval == 1 && resolved.watch.maxInterval == 10)
    }

    @Test("caFile is read relative to the config folder or ~; QUIQ_CA_FILE wins; a missing CA file is one sentence, changing nothing")
    func caFile() throws {
        let home = Home()
        let pem = try CertificateAuthority.make().certificatePEM
        try FileManager.default.createDirectory(atPath: home.configHome + "/quiqpay", withIntermediateDirectories: true)
        try pem.write(toFile: home.configHome + "/quiqpay/acme-ca.pem", atomically: true, encoding: .utf8)
        try pem.write(toFile: home.root + "/home-ca.pem", atomically: true, encoding: .utf8)
        let keys = "site: https://payments.example.test\napiIdentity: id\napiSecret: secret\n"

        #expect(try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment.merging(["QUIQ_SITE": "acme", "QUIQ_API_IDENTITY": "i", "QUIQ_API_SECRET": "s"]) { $1 }).trust.caFile == nil)
        try home.writeConfig(keys + "caFile: acme-ca.pem\n")
        var resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment)
        #expect(resolved.trust.caFile == home.configHome + "/quiqpay/acme-ca.pem")
        #expect(resolved.trust.trusted == "only the CA in \(home.configHome)/quiqpay/acme-ca.pem (caFile in \(home.configPath))")
        #expect(resolved.apiOptions().trust.caFile == resolved.trust.caFile)
        try home.writeConfig(keys + "caFile: ~/home-ca.pem\n")
        resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment)
        #expect(resolved.trust.caFile == home.root + "/home-ca.pem")
        resolved = try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment.merging(["QUIQ_CA_FILE": home.configHome + "/quiqpay/acme-ca.pem"]) { $1 })
        #expect(resolved.trust.source == "QUIQ_CA_FILE")

        try home.writeConfig(keys + "caFile: missing.pem\n")
        #expect(throws: ConfigurationError.invalidCAFile(path: home.configHome + "/quiqpay/missing.pem", source: "caFile in \(home.configPath)",
                                                         reason: "does not exist")) {
            try ConsoleConfiguration.resolve(flags: .init(), environment: home.environment)
        }
        #expect(ConfigurationError.invalidCAFile(path: "/x.pem", source: "QUIQ_CA_FILE", reason: "does not exist").description
                == "The CA file /x.pem (QUIQ_CA_FILE) does not exist: set it to the site's CA certificate in PEM.")
    }
}
