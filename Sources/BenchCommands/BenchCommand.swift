import ArgumentParser

/// `quiqpay bench`: load generators and timings kept with the code they measure.
/// Build with `-c release` before trusting any figure.
public struct BenchCommand: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure quiqpay's parts (build with -c release first).",
        subcommands: [SandboxBenchCommand.self, WatcherBench.self, UIBench.self, BoardBench.self])
}
