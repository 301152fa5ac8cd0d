import Foundation

/// How `quiqpay doctor`'s findings read, pure: one line per check, its fix on the next,
/// a summary, and the exit code the worst failure calls for.
public enum DoctorReport {
    /// `ok    dns                 acme.goquiq.com resolves to 203.0.113.7`, and for a failure
    /// `FAIL  key.agent           …` then `      fix: …`.
    public static func lines(_ checks: [DoctorCheck]) -> [String] {
        let width = max(18, (checks.map(\.check.count).max() ?? 0) + 2)
        var out: [String] = []
        for check in checks {
            out.append(label(check.outcome) + "  " + check.check.padding(toLength: width, withPad: " ", startingAt: 0) + check.detail)
            if let fix = check.fix { out.append("      fix: " + fix) }
        }
        return out
    }

    /// `15 passed, 1 warning, 2 failed, 3 skipped.`
    public static func summary(_ checks: [DoctorCheck]) -> String {
        func count(_ outcome: DoctorCheck.Outcome) -> Int { checks.filter { $0.outcome == outcome }.count }
        var parts = ["\(count(.pass)) passed"]
        let warnings = count(.warn)
        if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        if count(.fail) > 0 { parts.append("\(count(.fail)) failed") }
        if count(.skip) > 0 { parts.append("\(count(.skip)) skipped") }
        return parts.joined(separator: ", ") + "."
    }

    /// 0 when nothing failed (warnings do not fail), else the highest code a failure calls for.
    public static func exitCode(_ checks: [DoctorCheck]) -> Int32 {
        checks.compactMap(\.failure).max()?.rawValue ?? 0
    }

    private static func label(_ outcome: DoctorCheck.Outcome) -> String {
        switch outcome {
        case .pass: "ok  "
        case .warn: "warn"
        case .fail: "FAIL"
        case .skip: "skip"
        }
    }
}
