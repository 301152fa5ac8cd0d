import ConsoleUI
import Foundation
import PaymentCore
import Screen
import Testing

/// The handshake screen: which step each real happening lights, stepping for teaching, and
/// the diagram and payload pane as a trainer's audience sees them.
@Suite("Handshake")
struct HandshakeTests {
    static let sizes = [Size(rows: 24, cols: 80), Size(rows: 12, cols: 40)]

    static func name(_ what: String, _ size: Size) -> String { "handshake-\(what)-\(size.cols)x\(size.rows)" }

    @Test("snapshot: before any payment", arguments: sizes)
    func initial(size: Size) {
        assertSnapshot(render(Fixture.handshake(upTo: nil, from: Fixture.state(size)), size: size), Self.name("initial", size))
    }

    @Test("snapshot: mid-flow, payload of the Client's read in the pane", arguments: sizes)
    func midFlow(size: Size) {
        let state = Fixture.handshake(upTo: .clientReads, from: Fixture.state(size))
        let frame = render(state, size: size)
        assertSnapshot(frame, Self.name("mid", size))
        if size.cols >= 80 {
            #expect(frame.lines.joined().contains("Authorization: Basic ••••"))
        }
    }

    @Test("snapshot: step 1 selected shows the message, link and token claims")
    func firstStepPayload() {
        let size = Size(rows: 24, cols: 80)
        let state = Fixture.after([.key(.up), .key(.up)], from: Fixture.handshake(upTo: .clientReads, from: Fixture.state(size)))
        let frame = render(state, size: size)
        assertSnapshot(frame, Self.name("step1", size))
        let pane = frame.lines.map { String($0.split(separator: "│").last ?? "").trimmingCharacters(in: .whitespaces) }.joined()
        #expect(pane.contains("sub: 5b0c6f1e") && pane.contains("short link: http://127.0.0.1:8765/p/Xk3d9QaB"))
        #expect(pane.contains("url: http://127.0.0.1:9000/pay?token=eyJhbGciOi…&key=order-1042"), "the token is shortened on screen")
    }

    @Test("snapshot: all seven done, paid", arguments: sizes)
    func allDone(size: Size) {
        let state = Fixture.handshake(upTo: .resultReported, from: Fixture.state(size))
        #expect(state.handshake.allDone && state.handshake.status == .paid)
        let frame = render(state, size: size)
        assertSnapshot(frame, Self.name("done", size))
        #expect(frame.lines.joined().contains("7/7 steps"))
        if size.cols >= 80 {
            #expect(frame.lines.joined().contains("X-Quiq-Payment-Key: ••••"))
        }
    }

    @Test("snapshot: declined card, steps 6 and 7 failed", arguments: sizes)
    func declined(size: Size) {
        let state = Fixture.handshake(upTo: .resultReported, declined: true, from: Fixture.state(size))
        #expect(state.handshake.status == .failed)
        #expect(state.handshake.records[.processorCharge]?.failed == true && state.handshake.records[.resultReported]?.failed == true)
        let frame = render(state, size: size)
        assertSnapshot(frame, Self.name("declined", size))
        #expect(frame.lines.joined().contains("failed"))
    }

    @Test("snapshot: stepping holds later steps back", arguments: sizes)
    func stepping(size: Size) {
        let state = Fixture.handshake(upTo: .cardEntered, stepping: true, revealed: 2, from: Fixture.state(size))
        assertSnapshot(render(state, size: size), Self.name("stepping", size))
    }

    @Test("each real happening lights its own step and no other")
    func mapping() {
        var state = Fixture.handshake(upTo: nil)
        for (step, signal) in Fixture.run() {
            state = Fixture.after([.handshake(.signal(signal))], from: state)
            let lit = HandshakeStep.allCases.filter { state.handshake.isShown($0) }
            #expect(lit == HandshakeStep.allCases.filter { $0 <= step }, "\(signal) lit \(lit)")
        }
    }

    @Test("happenings of another payment, or before step 1, light nothing")
    func foreignSignals() {
        let empty = Fixture.handshake(upTo: nil)
        for (_, signal) in Fixture.run().dropFirst() {
            #expect(Fixture.after([.handshake(.signal(signal))], from: empty).handshake.records.isEmpty)
        }
        let started = Fixture.handshake(upTo: .paymentMessage)
        var other = Fixture.demoMessage(.opened)
        other.id = "00000000-0000-4000-8000-000000000000"
        #expect(Fixture.after([.handshake(.signal(.paymentRead(other))), .handshake(.signal(.shortLinkOpened(code: "Other123")))],
                              from: started).handshake.records.count == 1)
    }

    @Test("space reveals happened steps one at a time, in order, never ahead of reality")
    func spaceReveals() {
        var state = Fixture.handshake(upTo: .pageReturned, stepping: true, revealed: 0)
        #expect(!state.handshake.isShown(.paymentMessage))
        for expected in 1...4 {
            state = Fixture.after([.key(.char(" "))], from: state)
            #expect(state.handshake.revealed == expected)
        }
        state = Fixture.after([.key(.char(" ")), .key(.char(" "))], from: state)
        #expect(state.handshake.revealed == 4 && !state.handshake.isShown(.cardEntered))
        state = Fixture.after([.handshake(.signal(.cardSubmitted(last4: "4242")))], from: state)
        #expect(!state.handshake.isShown(.cardEntered) && state.handshake.heldBack == 1)
        state = Fixture.after([.key(.char(" "))], from: state)
        #expect(state.handshake.isShown(.cardEntered))
    }

    @Test("space with stepping off starts stepping where the view is")
    func spaceStartsStepping() {
        let state = Fixture.after([.key(.char(" "))], from: Fixture.handshake(upTo: .clientReads))
        #expect(state.handshake.stepping && state.handshake.revealed == 3)
        let more = Fixture.after([.handshake(.signal(.pageServed))], from: state)
        #expect(!more.handshake.isShown(.pageReturned))
    }

    @Test("a new payment clears the diagram and keeps stepping")
    func newPayment() {
        let (state, effects) = reduce(Fixture.handshake(upTo: .resultReported, stepping: true, revealed: 7), .key(.char("n")))
        #expect(effects == [.createDemoPayment])
        #expect(state.handshake.records.isEmpty && state.handshake.stepping && state.handshake.creating)
        let failed = Fixture.after([.handshake(.creationFailed("The platform is unreachable: start it again."))], from: state)
        #expect(!failed.handshake.creating && failed.toast?.message == "The platform is unreachable: start it again.")
    }
}
