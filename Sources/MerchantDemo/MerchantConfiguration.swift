import Foundation
import Logging

/// Everything the reference Client needs to run: where the platform is, the client API key it
/// reads and replies with, and the Payment Key that proves a reply comes from this Client.
///
/// The two secrets never appear in a page, a log line or an error; `description` redacts them
/// so that printing a configuration by accident cannot leak them either.
public struct MerchantConfiguration: Sendable, CustomStringConvertible, CustomReflectable {
    /// Interface to listen on; loopback by default so nothing outside the machine can reach it.
    public var host: String = "127.0.0.1"
    /// Port to listen on; 0 picks a free port (read it back from `RunningMerchant.collectionURL`).
    public var port: Int = 0
    /// The platform's base URL, e.g. `http://127.0.0.1:8080` or `https://tenant.goquiq.com`;
    /// also the `iss` every payment token must carry.
    public var platformURL: String
    /// The CA certificates (PEM) to trust for an https `platformURL` whose certificate no system
    /// root signs (a sandbox's own CA, `QUIQ_CA_FILE`); nil trusts the system's roots. Never "trust anything".
    public var platformCAPEM: String?
    /// Identity (HTTP Basic user) of the client-role API key.
    public var clientIdentity: String
    /// Secret (HTTP Basic password) of the client-role API key.
    public var clientSecret: String
    /// The Payment Key registered with the platform, sent only in `X-Quiq-Payment-Key`.
    public var paymentKey: String
    /// The card processor to use, started elsewhere (`quiqpay processor`); nil starts the fake
    /// processor in this process, on a port of its own, with fresh keys.
    public var processor: ProcessorDescriptor?
    /// How long the in-process fake processor takes per charge, so a demo can show step 6 happening.
    public var processorDelay: Duration = .zero
    /// Where the Client logs; card numbers reach it only as their last four digits.
    public var logger: Logger = Logger(label: "quiqpay.merchant")
    /// The shop name shown at the top of every page.
    public var merchantName: String = "Quiq Demo Store"
    /// The clock used for token expiry and card expiry; tests move it forward.
    public var now: @Sendable () -> Date = { Date() }
    /// Sees every request the Client's server receives (method, path with query, body), so a
    /// test can prove no card detail ever reached it (tests only).
    var requestObserver: (@Sendable (_ method: String, _ uri: String, _ body: String) -> Void)?
    /// Holds each in-process charge until a test opens it (tests only).
    var processorGate: ChargeGate?

    public init(platformURL: String, clientIdentity: String, clientSecret: String, paymentKey: String,
                host: String = "127.0.0.1", port: Int = 0, processorDelay: Duration = .zero,
                logger: Logger = Logger(label: "quiqpay.merchant")) {
        self.platformURL = platformURL
        self.clientIdentity = clientIdentity
        self.clientSecret = clientSecret
        self.paymentKey = paymentKey
        self.host = host
        self.port = port
        self.processorDelay = processorDelay
        self.logger = logger
    }

    /// The platform URL without a trailing slash: the form `iss` is compared in.
    var platformBase: String {
        var base = platformURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    public var description: String {
        "MerchantConfiguration(host: \(host), port: \(port), platformURL: \(platformURL), clientIdentity: \(clientIdentity), clientSecret: <redacted>, paymentKey: <redacted>, processor: \(processor.map(\.description) ?? "in-process"))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["host": host, "port": port, "platformURL": platformURL, "clientIdentity": clientIdentity,
                                "clientSecret": "<redacted>", "paymentKey": "<redacted>",
                                "processor": processor.map(\.description) ?? "in-process"])
    }
}
