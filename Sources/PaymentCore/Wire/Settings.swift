/// Admin settings as the platform returns them; the Payment Key itself is never returned.
public struct PaymentSettings: Hashable, Sendable, Codable {
    public var collectionUrl: String?
    public var paymentKeySet: Bool
    public var defaultTtlSeconds: Int

    public init(collectionUrl: String?, paymentKeySet: Bool, defaultTtlSeconds: Int) {
        self.collectionUrl = collectionUrl
        self.paymentKeySet = paymentKeySet
        self.defaultTtlSeconds = defaultTtlSeconds
    }
}

/// The body of `PUT /api/v1/payments/settings`.
public struct PaymentSettingsUpdate: Hashable, Sendable, Codable {
    public var collectionUrl: String?
    public var paymentKey: String?
    public var defaultTtlSeconds: Int?

    public init(collectionUrl: String? = nil, paymentKey: String? = nil, defaultTtlSeconds: Int? = nil) {
        self.collectionUrl = collectionUrl
        self.paymentKey = paymentKey
        self.defaultTtlSeconds = defaultTtlSeconds
    }
}
