import ArgumentParser
import Foundation
import Logging
import QuiqpayFiles
import MerchantDemo
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
            Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined,
            4000 0000 0000 9995 has insufficient funds, 4000 0000 0000 0119 times out.
            """)

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Interface to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Where to write the descriptor (default: next to the sandbox's data, processor.json).")
    var descriptor: String?

    @Option(help: "Milliseconds each charge takes, to make step 6 visible in a demo.")
    var delayMs: Int = 0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("Choose a port from 0 to 65535.") }
        guard delayMs >= 0 else { throw ValidationError("Give --delay-ms as 0 or more.") }
    }

    static var defaultDescriptor: String {
        DataPaths(environment: ProcessInfo.processInfo.environment).processorDescriptorPath
    }

    func run() async throws {
        var logger = Logger(label: "quiqpay.processor") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info
        let path = descriptor ?? ProcessorCommand.defaultDescriptor
        let processor: RunningProcessor
        do {
            processor = try await RunningProcessor.start(ProcessorConfiguration(host: host, port: port, delay: .milliseconds(delayMs),
                                                                                logger: logger))
        } catch {
            throw ProcessorCommandError(error.description)
        }
        do {
            try processor.descriptor.write(to: path)
        } catch {
            await processor.stop()
            throw ProcessorCommandError(error.description)
        }
        say("Processor running at \(processor.baseURL)")
        say("Publishable key: \(processor.descriptor.publishableKey)")
        say("Secret key and address: \(path)")
        for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
        await processor.stop()
    }
}

/// A failure of `quiqpay processor`, as one sentence saying what to do.
struct ProcessorCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
