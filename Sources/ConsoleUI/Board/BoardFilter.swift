/// The board's `/` filter: words separated by spaces, each a case-insensitive substring that a
/// row must contain in one of its text columns (status, amount, currency, description,
/// conversation, agent key id, id); a word starting with `!` excludes the rows containing it.
public struct BoardFilter: Hashable, Sendable {
    public private(set) var include: [String]
    public private(set) var exclude: [String]

    public init(_ text: String) {
        var include: [String] = [], exclude: [String] = []
        for word in text.lowercased().split(separator: " ") {
            if word.hasPrefix("!") {
                if word.count > 1 { exclude.append(String(word.dropFirst())) }
            } else {
                include.append(String(word))
            }
        }
        self.include = include
        self.exclude = exclude
    }

    /// True when the filter lets every row through.
    public var isEmpty: Bool { include.isEmpty && exclude.isEmpty }

    public func matches(_ row: BoardRow) -> Bool {
        for word in include where !row.searchText.contains(word) { return false }
        for word in exclude where row.searchText.contains(word) { return false }
        return true
    }
}
