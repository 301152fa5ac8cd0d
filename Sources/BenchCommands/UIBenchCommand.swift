import ArgumentParser
import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Terminal

/// `quiqpay bench ui`: how fast the console renders and how little it writes.
/// Idle CPU is measured by `Benchmarks/idle-cpu.sh`.
struct UIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Render time of a large table and cells written for a one-cell change.")

    @Option(help: "Rows in the payments table.") var rows = 10_000
    @Option(help: "Terminal width.") var cols = 200
    @Option(help: "Terminal height.") var lines = 60
    @Option(help: "Renders to time.") var iterations = 200

    func run() throws {
        let size = Size(rows: lines, cols: cols)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var state = AppState(size: size, now: start)
        let statuses = PaymentStatus.allCases
        let payments = (0..<rows).map { i in
            PaymentRow(id: "p\(i)", status: statuses[i % statuses.count],
                       amount: Money(minorUnits: Int64(100 + i * 37), currency: .usd),
                       description: "Order \(i) — widgets and 日本 gadgets", createdAt: start.addingTimeInterval(Double(-i * 13)))
        }
        state = reduce(state, .payments(.loaded(payments))).0
        state = reduce(state, .payments(.move(rows / 2))).0

        var frame = render(state, size: size)
        var times: [Double] = []
        for _ in 0..<iterations {
            let t0 = DispatchTime.now().uptimeNanoseconds
            frame = render(state, size: size)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        times.sort()
        print("render \(rows)-row table at \(size): median \(format(times[times.count / 2])) ms, p95 \(format(times[times.count * 95 / 100])) ms, min \(format(times[0])) ms (\(iterations) renders)")

        let terminal = try Terminal(device: .headless(size, termName: "xterm-256color"), theme: .plain)
        defer { terminal.stop() }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let full = terminal.draw(frame)
        let fullMs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        print("first draw: \(full) cells written in \(format(fullMs)) ms")
        var changed = frame
        changed[lines / 2, cols / 2] = Cell("#", role: .accent)
        let t1 = DispatchTime.now().uptimeNanoseconds
        let one = terminal.draw(changed)
        let oneMs = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6
        print("one-cell change: \(one) cell(s) written in \(format(oneMs)) ms")
        let moved = render(reduce(state, .payments(.move(1))).0, size: size)
        print("selection moved one row: \(terminal.draw(moved)) cells written")
        print("unchanged frame: \(terminal.draw(moved)) cells written")
    }

    private func format(_ ms: Double) -> String { String(format: "%.3f", ms) }
}
