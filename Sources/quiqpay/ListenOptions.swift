import ArgumentParser

/// Where a server of ours listens: what `merchant` and `processor` share.
struct ListenOptions: ParsableArguments {
    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Interface to listen on. Keep the loopback default unless you know why not.")
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("Choose a --port from 0 to 65535.") }
    }
}
