/// One character cell of a frame: what to show and what it means.
///
/// A wide character (CJK, emoji) occupies two cells: the first holds it with `width` 2,
/// the second is a continuation (`width` 0) that the terminal never writes itself.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var role: Role
    /// 1 for a normal cell, 2 for the lead of a wide character, 0 for its continuation.
    public var width: UInt8

    public init(_ character: Character = " ", role: Role = .background, width: UInt8 = 1) {
        self.character = character
        self.role = role
        self.width = width
    }

    /// An empty cell of `role`.
    public static func blank(_ role: Role) -> Cell { Cell(" ", role: role) }

    /// Whether this cell is the right half of a wide character.
    public var isContinuation: Bool { width == 0 }
}
