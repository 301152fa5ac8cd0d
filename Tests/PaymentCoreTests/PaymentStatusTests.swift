import Testing
import PropertyBased
@testable import PaymentCore

@Suite struct PaymentStatusTests {
    @Test func theHappyPathAndItsBranches() throws {
        #expect(try PaymentStatus.pending.applying(.open) == .opened)
        #expect(try PaymentStatus.opened.applying(.succeed) == .paid)
        #expect(try PaymentStatus.opened.applying(.fail) == .failed)
        #expect(try PaymentStatus.pending.applying(.succeed) == .paid, "a Client may reply without a separate read")
        #expect(try PaymentStatus.pending.applying(.expire) == .expired)
        #expect(try PaymentStatus.opened.applying(.cancel) == .cancelled)
    }

    @Test func everyOtherTransitionIsRejected() {
        let allowed: Set<String> = ["pending>opened", "pending>paid", "pending>failed", "pending>expired", "pending>cancelled",
                                    "opened>paid", "opened>failed", "opened>expired", "opened>cancelled"]
        for from in PaymentStatus.allCases {
            for to in PaymentStatus.allCases {
                #expect(from.canMove(to: to) == allowed.contains("\(from)>\(to)"), "\(from) -> \(to)")
            }
        }
        #expect(throws: PaymentTransitionError(from: .opened, transition: .open)) { try PaymentStatus.opened.applying(.open) }
    }

    @Test func terminalAndActiveAreComplements() {
        #expect(PaymentStatus.allCases.filter(\.isTerminal) == [.paid, .failed, .expired, .cancelled])
        #expect(PaymentStatus.allCases.allSatisfy { $0.isActive != $0.isTerminal })
    }

    @Test func noSequenceOfTransitionsLeavesATerminalState() async {
        let transition = Gen.int(in: 0...(PaymentTransition.allCases.count - 1)).map { PaymentTransition.allCases[$0] }
        await propertyCheck(count: 500, input: transition.array(of: 1...12)) { transitions in
            var status = PaymentStatus.pending
            var reachedTerminal: PaymentStatus?
            for t in transitions {
                if let next = try? status.applying(t) { status = next }
                if let terminal = reachedTerminal { #expect(status == terminal) }
                if status.isTerminal { reachedTerminal = status }
            }
        }
    }
}
