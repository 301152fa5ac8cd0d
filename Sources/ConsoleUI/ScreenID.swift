/// The console's screens. A later issue adds a case here, a state file, a key map file,
/// a render file and one case in `reduce`; the compiler then points at every switch to extend.
public enum ScreenID: String, Hashable, Sendable, CaseIterable {
    case payments

    /// The name shown in the status line and the help.
    public var title: String {
        switch self {
        case .payments: "Payments"
        }
    }
}
