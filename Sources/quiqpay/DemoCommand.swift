import ArgumentParser
import ConsoleApp
import Foundation

/// `quiqpay demo`: the trainer's mode. The console on the same services as ever, with an
/// in-memory sandbox and reference Client, opening on the Handshake screen, so the seven steps
/// run live on a laptop with nothing else.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show the seven-step Custom Pay handshake live: sandbox, reference Client and console in one process.",
        discussion: """
            Opens on the Handshake screen. Press n (or Enter) to create a demo payment as the agent, then
            open its short link in a browser and pay with 4242 4242 4242 4242 (4000 0000 0000 0002 is declined).
            --autopilot plays the user too; --loop repeats the run for a booth; --step holds each step back
            until space is pressed. Every other screen works as in plain quiqpay, on the demo's platform.
            """)

    @Flag(help: "Play the user as well: open the short link and pay with a test card after a pause.")
    var autopilot = false

    @Flag(help: "With --autopilot, start a new payment a few seconds after each run ends.")
    var loop = false

    @Flag(help: "Pay with the declined test card, to show the failure path.")
    var decline = false

    @Flag(help: "Start in stepping mode: each step waits for space before it is shown.")
    var step = false

    @Option(help: "Seconds the autopilot's user looks at the payment page before paying.")
    var pause: Double = 2

    @Option(help: "Milliseconds the fake card processor takes per charge.")
    var processorDelayMs: Int = 800

    @Option(help: "Colour theme (see `quiqpay themes`).")
    var theme: String?

    func validate() throws {
        guard pause >= 0, pause <= 60 else { throw ValidationError("Give --pause in seconds, from 0 to 60.") }
        guard processorDelayMs >= 0 else { throw ValidationError("Give --processor-delay-ms as 0 or more.") }
        guard !loop || autopilot else { throw ValidationError("--loop repeats the autopilot's run: add --autopilot.") }
    }

    func run() throws {
        let options = PlatformServices.DemoOptions(autopilot: autopilot, loop: loop, decline: decline,
                                                   pause: .milliseconds(Int64(pause * 1000)),
                                                   processorDelay: .milliseconds(processorDelayMs))
        try ConsoleRun(theme: theme, conversation: nil)
            .run(.demo(options), initial: [.switchScreen(.handshake)] + (step ? [.handshake(.toggleStepping)] : []))
    }
}
