import Foundation
import Testing

/// OSC 52 from the real binary: tmux with `set-clipboard on` decodes the sequence the console
/// writes for `y`/`Y` into a paste buffer, so a wrong link or a wrong base64 shows in `show-buffer`.
// One tmux-driven suite at a time: every real-terminal suite is nested in ConsoleInTmuxTests (serialized).
extension ConsoleInTmuxTests {
@Suite("quiqpay clipboard in tmux", .serialized)
struct ClipboardInTmuxTests {
    @Test("y copies the short link and Y the full link, as OSC 52 the terminal decodes")
    func copyLinks() async throws {
        let console = ConsoleInTmuxTests()
        let session = try await console.openConsole()
        try session.command("set", "-g", "set-clipboard", "on")
        try await console.sendPayment(session, description: "Deposit for order 1042", amount: "125.50")
        let payment = try await SandboxClientSide(dataDirectory: console.dataDirectory(session)).newestPayment()
        let short = try #require(payment.shortUrl)
        let full = try #require(payment.paymentUrl)
        #expect(short != full)
        // No buffer yet: whatever shows up next came from the console.
        #expect(try session.command("show-buffer").isEmpty)

        try session.keys("y")
        try await session.waitFor(text: "Copied the short link.")
        try await session.waitUntil("the short link in tmux's buffer") { try session.command("show-buffer") == short }

        try session.keys("Y")
        try await session.waitFor(text: "Copied the full link.")
        try await session.waitUntil("the full link in tmux's buffer") { try session.command("show-buffer") == full }
        try session.keys("q")
        try await session.waitFor(text: "EXIT=0")
    }
}
}
