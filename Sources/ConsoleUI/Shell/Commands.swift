/// A `:` command: its name (what completion offers), usage and what it turns into.
public struct Command: Sendable {
    public var name: String
    public var usage: String
    public var summary: String
    /// The action for the arguments typed after the name, or the sentence saying what is wrong.
    public var action: @Sendable ([String]) -> Result<Action, CommandError>

    /// Every command of the prompt: the one table that runs, completes and documents them.
    public static let all: [Command] = [
        Command(name: "help", usage: ":help", summary: "show the keys of this screen") { _ in .success(.toggleHelp) },
        Command(name: "handshake", usage: ":handshake", summary: "go to the handshake screen") { _ in .success(.switchScreen(.handshake)) },
        Command(name: "payments", usage: ":payments", summary: "go to the payments screen") { _ in .success(.switchScreen(.payments)) },
        Command(name: "board", usage: ":board", summary: "go to the supervisor board") { _ in .success(.switchScreen(.board)) },
        Command(name: "quit", usage: ":quit", summary: "leave quiqpay") { _ in .success(.quit) },
        Command(name: "redraw", usage: ":redraw", summary: "repaint the whole screen") { _ in .success(.redraw) },
        Command(name: "theme", usage: ":theme NAME", summary: "switch the colour theme") { args in
            guard args.count == 1 else { return .failure(CommandError("Give one theme name, as in :theme nord (quiqpay themes lists them).")) }
            return .success(.setTheme(args[0]))
        },
        Command(name: "template", usage: ":template NAME", summary: "compose from a template") { args in
            switch args.count {
            case 0: return .success(.templatePicker(.open))
            case 1: return .success(.useTemplate(args[0], confirmed: false))
            default: return .failure(CommandError("Give one template name, as in :template deposit (:template alone lists them)."))
            }
        },
    ]

    /// Short forms people type out of habit (`:q`).
    static let aliases: [String: String] = ["q": "quit", "h": "help"]

    /// The action for a command line, or the error to show.
    static func parse(_ line: String) -> Result<Action, CommandError> {
        let words = line.split(separator: " ").map(String.init)
        guard let first = words.first else { return .failure(CommandError("Type a command, such as :help.")) }
        let name = aliases[first] ?? first
        guard let command = all.first(where: { $0.name == name }) else {
            return .failure(CommandError("Unknown command :\(first); press Tab to list the commands."))
        }
        return command.action(Array(words.dropFirst()))
    }
}

/// A command line that cannot run; the message says what to type instead.
public struct CommandError: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
