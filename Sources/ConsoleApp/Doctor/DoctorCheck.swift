/// One finding of `quiqpay doctor`: what was checked, how it went, and, when it did not pass,
/// the one thing to do about it.
public struct DoctorCheck: Sendable, Hashable, Encodable {
    public enum Outcome: String, Sendable, Hashable, Encodable {
        case pass, warn, fail, skip
    }

    /// Which exit code a failure calls for, as the other commands use them (`CommandFailure`):
    /// 1 the platform said no, 2 bad input (configuration, terminal type), 3 unreachable.
    public enum Failure: Int32, Sendable, Hashable, Encodable, Comparable {
        case refused = 1
        case badInput = 2
        case unreachable = 3

        public static func < (lhs: Failure, rhs: Failure) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A stable name scripts may match: `dns`, `key.agent`, `route.getPayment`, `terminal.utf8`.
    public var check: String
    public var outcome: Outcome
    /// What was found, one sentence without a secret.
    public var detail: String
    /// What to do, for `warn` and `fail`.
    public var fix: String?
    /// For `fail` only: the exit code it calls for.
    public var failure: Failure?

    /// A fix is kept only for `warn` and `fail`, and a failure's exit code only for `fail`
    /// (`refused` unless said), so a check cannot pass and still call for an exit code.
    public init(_ check: String, _ outcome: Outcome, _ detail: String, fix: String? = nil, failure: Failure? = nil) {
        self.check = check
        self.outcome = outcome
        self.detail = detail
        self.fix = outcome == .pass || outcome == .skip ? nil : fix
        self.failure = outcome == .fail ? (failure ?? .refused) : nil
    }

    static func pass(_ check: String, _ detail: String) -> DoctorCheck { DoctorCheck(check, .pass, detail) }
    static func skip(_ check: String, _ detail: String) -> DoctorCheck { DoctorCheck(check, .skip, detail) }
    static func warn(_ check: String, _ detail: String, fix: String) -> DoctorCheck { DoctorCheck(check, .warn, detail, fix: fix) }
    static func fail(_ check: String, _ detail: String, fix: String, _ failure: Failure = .refused) -> DoctorCheck {
        DoctorCheck(check, .fail, detail, fix: fix, failure: failure)
    }

    private enum CodingKeys: String, CodingKey { case check, outcome = "status", detail, fix, exitCode }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(check, forKey: .check)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(fix, forKey: .fix)
        try container.encodeIfPresent(failure?.rawValue, forKey: .exitCode)
    }
}
