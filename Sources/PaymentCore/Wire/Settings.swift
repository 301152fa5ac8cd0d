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

extension PaymentSettingsUpdate {
    /// Every rule of API.md this settings change breaks, in field order; empty when it may be saved.
    public func violations() -> [FieldViolation] {
        var out: [FieldViolation] = []
        if let collectionUrl {
            do { try PaymentLink.validate(collectionUrl: collectionUrl) } catch {
                out.append(FieldViolation(field: "collectionUrl", message: error.description))
            }
        }
        if let paymentKey, !PaymentRules.paymentKeyLength.contains(paymentKey.count) {
            out.append(FieldViolation(field: "paymentKey", message: "Use a Payment Key of 16 to 256 characters (this one has \(paymentKey.count))."))
        }
        if let defaultTtlSeconds, !PaymentRules.expiresInSeconds.contains(defaultTtlSeconds) {
            out.append(FieldViolation(field: "defaultTtlSeconds", message: "Choose a default expiry between 1 minute and 7 days."))
        }
        return out
    }
}
