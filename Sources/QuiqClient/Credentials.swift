import QuiqpayFiles
import Foundation

/// An API key: identity (the Basic auth user) and secret (its password). The secret is never
/// printed: `description`, `debugDescription` and `dump` all show the identity only.
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var identity: String
    public var secret: String

    public init(identity: String, secret: String) {
        self.identity = identity
        self.secret = secret
    }

    public var description: String { "API key \(identity) (secret hidden)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["identity": identity, "secret": "<hidden>"]) }

    /// The `Authorization` header value of HTTP Basic auth.
    var basicAuthorization: String {
        "Basic " + Data("\(identity):\(secret)".utf8).base64EncodedString()
    }
}

extension SandboxDescriptor.Key {
    /// The key as Basic-auth credentials for `QuiqAPI`.
    public var credentials: Credentials { Credentials(identity: identity, secret: secret) }
}
