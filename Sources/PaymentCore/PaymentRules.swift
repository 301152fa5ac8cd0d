/// The limits of API.md, in one place, for validation on both sides of the wire.
public enum PaymentRules {
    public static let descriptionLength = 1...500
    public static let lineItemCount = 0...100
    public static let lineItemNameLength = 1...200
    public static let quantity: ClosedRange<Int64> = 1...10_000
    public static let unitAmount: ClosedRange<Int64> = 0...Money.maximumMinorUnits
    public static let amount: ClosedRange<Int64> = 1...Money.maximumMinorUnits
    public static let metadataCount = 0...50
    public static let metadataKeyLength = 1...40
    public static let metadataValueLength = 0...500
    public static let keyLength = 1...128
    public static let expiresInSeconds = 60...604_800
    public static let skuLength = 1...100
    public static let idempotencyKeyLength = 1...255
    /// The shared secret a Client sends with each reply (`X-Quiq-Payment-Key`).
    public static let paymentKeyLength = 16...256

    /// Characters allowed in the optional Client `key`: it travels in a URL unescaped.
    public static func isKeyCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "~" || c == "-")
    }
}
