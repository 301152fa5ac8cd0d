import PaymentCore

/// A payment as the journal remembers it: enough to resume watching after a restart, or in a
/// second console on the same machine.
public struct JournalEntry: Sendable, Hashable {
    /// Why the console knows this payment.
    public enum Origin: String, Sendable, Hashable, Codable {
        /// This console created it.
        case created
        /// Someone asked this console to watch it.
        case watched
    }

    public var id: String
    public var origin: Origin
    /// nil until the payment has been read once.
    public var status: PaymentStatus?
    /// The last message read, if any.
    public var message: PaymentMessage?
    /// When the journal last changed this row (RFC 3339).
    public var updatedAt: String
}
