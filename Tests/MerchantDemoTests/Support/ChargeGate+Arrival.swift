import Testing
@testable import MerchantDemo

extension ChargeGate {
    /// Waits until the next charge reaches the gate, for at most `limit`. When none comes (the
    /// charge never left the Client) it records an issue and returns, so the test fails on what
    /// it saw instead of waiting for CI's time bound.
    func awaitArrival(within limit: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation) async {
        let arrivals = arrived
        let came = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in arrivals { return true }
                return false
            }
            group.addTask {
                // Cancelled once the charge arrived: the group's answer is then already known.
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !came { Issue.record("no charge reached the processor within \(limit)", sourceLocation: sourceLocation) }
    }
}
