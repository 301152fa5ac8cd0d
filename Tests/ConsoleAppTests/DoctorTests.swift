import Foundation
import QuiqClient
import Testing
@testable import ConsoleApp

/// The judgements of `quiqpay doctor` that the sandbox cannot be made to need: a skewed clock,
/// a collection URL that is not HTTPS, a platform whose 404s all look alike, and the report.
@Suite("doctor's judgements")
struct DoctorTests {
    static func answer(dateOffset seconds: Double, status: Int = 200) -> ProbeAnswer {
        let now = Date()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return ProbeAnswer(status: status, date: formatter.string(from: now.addingTimeInterval(seconds)), sentAt: now, answeredAt: now)
    }

    @Test("clock skew: within a few seconds passes, above 5 s warns, above a minute fails, each with the fix")
    func clock() {
        #expect(SiteDoctor.clockCheck(Self.answer(dateOffset: 0)).outcome == .pass)
        let warned = SiteDoctor.clockCheck(Self.answer(dateOffset: 30))
        #expect(warned.outcome == .warn && warned.detail.contains("behind") && warned.fix?.contains("clock") == true)
        let failed = SiteDoctor.clockCheck(Self.answer(dateOffset: -600))
        #expect(failed.outcome == .fail && failed.detail.contains("600 s ahead of") && failed.failure == .refused)
        #expect(SiteDoctor.clockCheck(ProbeAnswer(status: 200)).outcome == .skip)
    }

    @Test("the collection URL: HTTPS passes, loopback HTTP warns, other HTTP and none fail")
    func collectionURL() {
        #expect(SiteDoctor.collectionURLCheck("https://shop.example.com/pay").outcome == .pass)
        #expect(SiteDoctor.collectionURLCheck("http://127.0.0.1:8080/pay").outcome == .warn)
        #expect(SiteDoctor.collectionURLCheck("http://shop.example.com/pay").outcome == .fail)
        #expect(SiteDoctor.collectionURLCheck(nil).outcome == .fail)
        #expect(SiteDoctor.paymentKeyCheck(false).fix != nil)
    }

    @Test("a 404 is a missing route when it says what a path nothing serves says, else a missing id")
    func routes() {
        let endpoint = EndpointTable.standard(.getPayment)
        let control = ProbeAnswer(status: 404, errorCode: "not_found", errorMessage: "No such endpoint.")
        let missingId = ProbeAnswer(status: 404, errorCode: "not_found", errorMessage: "No such payment.")
        func classify(_ answer: ProbeAnswer) -> DoctorCheck {
            RouteCheck.classify(.getPayment, endpoint: endpoint, answer: answer, control: control, overridden: false, configPath: "c.yaml")
        }
        #expect(classify(missingId).outcome == .pass)
        #expect(classify(control).outcome == .fail)
        #expect(classify(ProbeAnswer(status: 404)).outcome == .fail)  // no API.md body: not the API answering
        #expect(classify(ProbeAnswer(status: 403)).outcome == .pass)
        #expect(classify(ProbeAnswer(status: 405)).fix?.contains("endpoints.getPayment") == true)
        #expect(classify(ProbeAnswer(status: 503)).failure == .unreachable)
    }

    @Test("the report: one line per check, the fix under a failure, the worst failure's exit code")
    func report() {
        let checks: [DoctorCheck] = [
            .pass("dns", "acme.goquiq.com resolves"),
            .fail("key.agent", "rejected", fix: "check the secret"),
            .warn("clock", "7 s behind", fix: "sync it"),
            .fail("tcp", "refused", fix: "start it", .unreachable),
            .skip("routes", "not checked"),
        ]
        let lines = DoctorReport.lines(checks)
        #expect(lines.count == 8)
        #expect(lines[1].hasPrefix("FAIL  key.agent ") && lines[2] == "      fix: check the secret")
        #expect(DoctorReport.summary(checks) == "1 passed, 1 warning, 2 failed, 1 skipped.")
        #expect(DoctorReport.exitCode(checks) == 3)
        #expect(DoctorReport.exitCode([checks[0], checks[2]]) == 0)
    }

    @Test("the terminal from environment facts: tmux needs set-clipboard, a dumb terminal has no OSC 52")
    func terminal() {
        let tmux = TerminalChecks.checks(TerminalChecks.Facts(environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8", "TMUX": "/tmp/t,1,0"]))
        #expect(tmux.first { $0.check == "terminal.osc52" }?.fix?.contains("set-clipboard on") == true)
        let dumb = TerminalChecks.checks(TerminalChecks.Facts(environment: ["TERM": "dumb", "LC_ALL": "en_US.utf8"]))
        #expect(dumb.first { $0.check == "terminal.osc52" }?.outcome == .warn)
        #expect(dumb.first { $0.check == "terminal.colours" }?.outcome == .warn)
        #expect(dumb.first { $0.check == "terminal.utf8" }?.outcome == .pass)
    }
}
