import ArgumentParser
import ConsoleApp
import Foundation
import Logging
import MerchantDemo
import QuiqpayFiles
import UnixSignals

/// `quiqpay processor`: the fake card processor alone, on its own origin, for a Client started
/// elsewhere (`quiqpay merchant --processor-file`, or your own). The secret key is never shown:
/// it goes to a 0600 descriptor file whose path is printed.
struct ProcessorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "processor",
        abstract: "Run the fake card processor (hosted card page and charge API) on a loopback port.",
        discussion: """
            Prints its address, its publishable key and the path of a descriptor file (mode 0600) that also
            holds the secret key; pass that file to `quiqpay merchant --processor-file`. Serves until interrupted.
            \(TestCards.sentence)
            """)

    @OptionGroup var listen: ListenOptions

    @Option(help: "Where to write the descriptor (default: DATA/processor.json, DATA being $XDG_DATA_HOME/quiqpay or --data-dir).")
    var descriptor: String?

    @Option(name: .customLong("data-dir"), help: "quiqpay's data folder (default: $XDG_DATA_HOME/quiqpay).")
    var dataDirectory: String?

    @Option(help: "Milliseconds each charge takes, to make step 6 visible in a demo.")
    var delayMs: Int = 0

    func validate() throws {
        if let problem = ProcessorConfiguration.delayProblem(milliseconds: delayMs, flag: "--delay-ms") { throw ValidationError(problem) }
    }

    func run() async throws {
        var logger = Logger(label: "quiqpay.processor") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info
        let path = descriptor ?? DataPaths(dataDirectory: dataDirectory, environment: ProcessInfo.processInfo.environment).processorDescriptorPath
        let processor: RunningProcessor
        do throws(ProcessorLaunchError) {
            processor = try await RunningProcessor.start(ProcessorConfiguration(host: listen.host, port: listen.port, delay: .milliseconds(delayMs),
                                                                                logger: logger), descriptorPath: path)
        } catch {
            throw CommandFailure(error)
        }
        say("Processor running at \(processor.baseURL)")
        say("Publishable key: \(processor.descriptor.publishableKey)")
        say("Secret key and address: \(path)")
        for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
        await processor.stop()
    }
}
