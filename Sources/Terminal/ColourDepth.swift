/// How many colours the terminal can show; themes degrade to what is there.
public enum ColourDepth: String, Hashable, Sendable, Comparable {
    case none
    case eight
    case palette256
    case direct

    public static func < (lhs: ColourDepth, rhs: ColourDepth) -> Bool { lhs.rank < rhs.rank }
    private var rank: Int {
        switch self {
        case .none: 0
        case .eight: 1
        case .palette256: 2
        case .direct: 3
        }
    }
}
