/// What a script, a test or the console needs to talk to a running sandbox, in the shape of
/// `sandbox.json`. The clear secrets live only here (and in that 0600 file); the database
/// keeps salted hashes.
public struct SandboxCredentials: Sendable, Codable, Equatable {
    /// An API key: Basic auth user (identity) and password (secret).
    public struct Key: Sendable, Codable, Equatable {
        public var identity: String
        public var secret: String

        public init(identity: String, secret: String) {
            self.identity = identity
            self.secret = secret
        }
    }

    public var baseUrl: String
    /// By role: `agent`, `client`, `admin`.
    public var keys: [String: Key]
    /// The Payment Key a Client sends as `X-Quiq-Payment-Key` with its reply.
    public var paymentKey: String
    /// The demo conversation seeded at first start.
    public var conversationId: String
    public var collectionUrl: String

    public var agent: Key? { keys[APIKeyRole.agent.rawValue] }
    public var client: Key? { keys[APIKeyRole.client.rawValue] }
    public var admin: Key? { keys[APIKeyRole.admin.rawValue] }

    public init(baseUrl: String, keys: [String: Key], paymentKey: String, conversationId: String, collectionUrl: String) {
        self.baseUrl = baseUrl
        self.keys = keys
        self.paymentKey = paymentKey
        self.conversationId = conversationId
        self.collectionUrl = collectionUrl
    }

    /// The store's half: everything but the base URL.
    struct Secrets: Sendable {
        var keys: [APIKeyRole: Key]
        var paymentKey: String
        var conversationId: String
        var collectionUrl: String
    }

    init(baseUrl: String, secrets: Secrets) {
        self.init(baseUrl: baseUrl,
                  keys: Dictionary(uniqueKeysWithValues: secrets.keys.map { ($0.key.rawValue, $0.value) }),
                  paymentKey: secrets.paymentKey, conversationId: secrets.conversationId,
                  collectionUrl: secrets.collectionUrl)
    }
}
