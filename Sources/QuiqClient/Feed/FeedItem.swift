import PaymentCore

/// What the changes feed's items can be decoded as. An item type may read a whole answer
/// from its bytes faster than JSONDecoder (`ListedPayment` does); the default leaves it to
/// JSONDecoder.
public protocol FeedItem: Sendable, Hashable, Decodable {
    /// The feed's `view` this type needs (docs/API.md): nil for whole payment messages,
    /// `summary` for a type that reads only the list's columns (a quarter of the bytes).
    static var changesView: String? { get }

    /// The answer's items, cursor and `more` as JSONDecoder would read them, or nil to have
    /// JSONDecoder read it (always safe: it also names what is wrong with a broken answer).
    static func scannedChangesAnswer(_ json: UnsafeRawBufferPointer) -> FeedAnswer<Self>?
}

extension FeedItem {
    public static var changesView: String? { nil }

    public static func scannedChangesAnswer(_ json: UnsafeRawBufferPointer) -> FeedAnswer<Self>? { nil }
}

extension PaymentMessage: FeedItem {}

/// A changes answer as its JSON says, before the feed's rules (no cursor: no feed).
public struct FeedAnswer<Item: FeedItem>: Sendable, Decodable {
    public var items: [Item]
    public var cursor: String?
    public var more: Bool?

    public init(items: [Item], cursor: String?, more: Bool?) {
        self.items = items
        self.cursor = cursor
        self.more = more
    }
}
