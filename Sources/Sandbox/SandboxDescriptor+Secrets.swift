import QuiqpayFiles

/// The store's half of `sandbox.json`: everything but the base URL, which only the bound
/// server knows.
extension SandboxDescriptor {
    struct Secrets: Sendable {
        var keys: [APIKeyRole: Key]
        var paymentKey: String
        var conversationId: String
        var collectionUrl: String
    }

    init(baseUrl: String, secrets: Secrets, caFile: String? = nil) {
        self.init(baseUrl: baseUrl,
                  keys: Dictionary(uniqueKeysWithValues: secrets.keys.map { ($0.key.rawValue, $0.value) }),
                  paymentKey: secrets.paymentKey, conversationId: secrets.conversationId,
                  collectionUrl: secrets.collectionUrl, caFile: caFile)
    }
}
