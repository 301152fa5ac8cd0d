import Screen

/// One key binding: the key, what it does, and how help and the key bar describe it.
public struct KeyBinding<Command: Hashable & Sendable>: Hashable, Sendable {
    public var key: KeyEvent
    public var command: Command
    public var description: String
    /// Whether the bottom key bar shows it (help always does).
    public var shownInBar: Bool

    public init(_ key: KeyEvent, _ command: Command, _ description: String, bar: Bool = false) {
        self.key = key
        self.command = command
        self.description = description
        self.shownInBar = bar
    }
}

/// A screen's key table: the one source that both dispatches keys and draws `?` help and
/// the key bar, so they cannot drift apart (gitui's `commands()`).
public struct KeyMap<Command: Hashable & Sendable>: Hashable, Sendable {
    public var title: String
    public var bindings: [KeyBinding<Command>]

    public init(_ title: String, _ bindings: [KeyBinding<Command>]) {
        self.title = title
        self.bindings = bindings
    }

    /// What `key` does here, if it is bound.
    public func command(for key: KeyEvent) -> Command? {
        bindings.first { $0.key == key }?.command
    }

    /// Bindings with the same description folded into one line: `↑/k  move up`.
    public var helpLines: [(keys: String, description: String)] {
        var out: [(keys: String, description: String)] = []
        for binding in bindings {
            if let i = out.firstIndex(where: { $0.description == binding.description }) {
                out[i].keys += "/" + binding.key.description
            } else {
                out.append((binding.key.description, binding.description))
            }
        }
        return out
    }

    /// The bar's entries, folded the same way.
    public var barEntries: [(keys: String, description: String)] {
        KeyMap(title, bindings.filter(\.shownInBar)).helpLines
    }
}
