import ConsoleUI
import Foundation
import Testing

@Suite("Health model")
struct HealthTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("before any report: not connected, then connecting once the platform is known")
    func start() {
        var health = Health()
        #expect(health.connection == .notStarted)
        health.started = true
        #expect(health.connection == .connecting)
    }

    @Test("the worst source wins, with its reason; one source's recovery does not hide another's failure")
    func worstWins() {
        var health = Health(started: true)
        health.record(.heartbeat, .ok(at: now))
        health.record(.board, .degraded("3 of 100 pages failed"))
        #expect(health.connection == .degraded("3 of 100 pages failed"))
        health.record(.heartbeat, .offline("connection refused", retryAt: now.addingTimeInterval(8)))
        #expect(health.connection == .offline("connection refused", retryAt: now.addingTimeInterval(8)))
        health.record(.heartbeat, .ok(at: now.addingTimeInterval(10)))
        #expect(health.connection == .degraded("3 of 100 pages failed"))
        health.record(.board, .ok(at: now.addingTimeInterval(11)))
        #expect(health.connection == .connected)
        #expect(health.lastGoodPoll == now.addingTimeInterval(11))
    }

    @Test("a source with nothing more to say stops counting")
    func forgotten() {
        var health = Health(started: true)
        health.record(.heartbeat, .ok(at: now))
        health.record(.send, .offline("connection refused", retryAt: nil))
        #expect(health.connection == .offline("connection refused", retryAt: nil))
        health.record(.send, nil)
        #expect(health.connection == .connected)
    }

    @Test("the status line shows the degraded reason")
    func statusLine() {
        var state = Fixture.state(.init(rows: 24, cols: 120))
        state = Fixture.after([.health(.heartbeat, .ok(at: Fixture.now)), .health(.board, .degraded("3 of 100 pages failed"))], from: state)
        #expect(render(state, size: state.size).text(row: 0).contains("◐ degraded: 3 of 100 pages failed"))
    }

    @Test("a refused certificate outranks a degraded source and shows its reason, not a retry time")
    func untrusted() {
        var state = Fixture.state(.init(rows: 24, cols: 120))
        state = Fixture.after([.health(.board, .degraded("3 of 100 pages failed")),
                               .health(.heartbeat, .untrusted("certificate not signed by a trusted CA: set QUIQ_CA_FILE or caFile"))],
                              from: state)
        #expect(state.status.connection == .untrusted("certificate not signed by a trusted CA: set QUIQ_CA_FILE or caFile"))
        let top = render(state, size: state.size).text(row: 0)
        #expect(top.contains("✕ certificate not signed by a trusted CA: set QUIQ_CA_FILE or caFile"), "\(top)")
        #expect(!top.contains("unreachable"))
    }
}
