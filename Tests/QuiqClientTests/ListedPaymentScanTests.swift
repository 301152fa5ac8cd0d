import Foundation
import PaymentCore
import QuiqClient
import Testing

/// The list's own decoder of changes answers (`ListedPayment.scannedChangesAnswer`) must read
/// exactly what JSONDecoder reads, and take nothing JSONDecoder would refuse: it is the
/// board's fast path, and JSONDecoder is its fallback and its oracle here.
@Suite("The list's own JSON decoder")
struct ListedPaymentScanTests {
    @Test("the sandbox's answers, whole and summary, with quotes, escapes, emoji and line items: the same payments as JSONDecoder, without falling back")
    func sandboxAnswers() async throws {
        let sandbox = try await TestSandbox.start()
        let descriptions = ["Quote \" and back\\slash", "Café crème, 😀 and 中文", "Tab\tand\nnew line", "Slash / and 100 % off",
                            "Plain order 1042"]
        for (index, description) in descriptions.enumerated() {
            _ = try await sandbox.createPayment(amount: Int64(index) * 1_001 + 1, description: description)
        }
        for view in ["", "&view=summary"] {
            let (status, body) = try await sandbox.agentGet("/api/v1/payment-requests?status=pending,opened&changedSince=0&limit=3\(view)")
            #expect(status == 200)
            let scanned = try #require(Self.scan(body), "the fast path fell back to JSONDecoder on the sandbox's own answer (\(view))")
            let decoded = try JSONDecoder().decode(FeedAnswer<ListedPayment>.self, from: Data(body))
            #expect(scanned.items.count == 3)
            #expect(scanned.items == decoded.items && scanned.cursor == decoded.cursor && scanned.more == decoded.more)
        }

        // Through the client: every payment as the list keeps it, equal to the whole messages' listed part.
        try await withAPI(sandbox.options()) { api in
            guard case .changes(let listed) = try await api.allPaymentChanges(status: [.pending, .opened], since: nil, limit: 2,
                                                                                as: ListedPayment.self),
                  case .changes(let whole) = try await api.allPaymentChanges(status: [.pending, .opened], since: nil, limit: 2) else {
                Issue.record("the sandbox has a changes feed")
                return
            }
            #expect(Set(listed.items.map(\.description)) == Set(descriptions))
            #expect(listed.items == whole.items.map(ListedPayment.init))
        }
        await sandbox.stop()
    }

    @Test("400 generated answers (fields in any order, unknown fields of every JSON kind, escapes, surrogate pairs, white space): read as JSONDecoder reads them")
    func generatedAnswers() throws {
        for seed in 0..<400 {
            var random = SplitMix(seed: UInt64(seed))
            let document = Array(AnswerWriter.answer(&random).utf8)
            let decoded = try JSONDecoder().decode(FeedAnswer<ListedPayment>.self, from: Data(document))
            guard let scanned = Self.scan(document) else {
                Issue.record("seed \(seed): the fast path fell back on a valid answer: \(String(decoding: document, as: UTF8.self))")
                continue
            }
            #expect(scanned.items == decoded.items && scanned.cursor == decoded.cursor && scanned.more == decoded.more, "seed \(seed)")
        }
    }

    @Test("4,000 damaged answers (a byte deleted, inserted or replaced): never read where JSONDecoder refuses, never read differently")
    func damagedAnswers() {
        var taken = 0, refused = 0
        for seed in 0..<4_000 {
            var random = SplitMix(seed: UInt64(seed) + 1_000_000)
            var document = Array(AnswerWriter.answer(&random).utf8)
            let at = random.below(document.count)
            let noise = Array(#""{}[],:\ 0-.eE+tfnu1éx"#.utf8)
            switch random.below(3) {
            case 0: document.remove(at: at)
            case 1: document.insert(noise[random.below(noise.count)], at: at)
            default: document[at] = noise[random.below(noise.count)]
            }
            let decoded = try? JSONDecoder().decode(FeedAnswer<ListedPayment>.self, from: Data(document))
            guard let scanned = Self.scan(document) else {
                refused += 1
                continue
            }
            taken += 1
            let text = String(decoding: document, as: UTF8.self)
            guard let decoded else {
                Issue.record("seed \(seed): read an answer JSONDecoder refuses: \(text)")
                continue
            }
            #expect(scanned.items == decoded.items && scanned.cursor == decoded.cursor && scanned.more == decoded.more, "seed \(seed): \(text)")
        }
        // Both kinds occur: damage inside a skipped token is still valid JSON, elsewhere it is not.
        #expect(taken > 100 && refused > 100)
    }

    @Test("what the fast path leaves to JSONDecoder: escaped keys, fractions, duplicates, a missing field, deep nesting")
    func leftToJSONDecoder() throws {
        let item = #"{"id":"a","conversationId":"c","status":"pending","createdAt":"2026-12-01T10:00:00Z","expiresAt":"2026-12-08T10:00:00Z","payment":{"description":"d","currency":"USD","amount":5}}"#
        let plain = #"{"cursor":"c1","items":[\#(item)],"more":false}"#
        #expect(Self.scan(Array(plain.utf8))?.items.first?.amount == 5)
        let variants = [
            plain.replacingOccurrences(of: #""id""#, with: #""\u0069d""#),  // JSONDecoder reads it; the fast path leaves it
            plain.replacingOccurrences(of: #""amount":5"#, with: #""amount":5.0"#),
            plain.replacingOccurrences(of: #""status":"pending""#, with: #""status":"pending","status":"opened""#),
            plain.replacingOccurrences(of: #""id":"a","#, with: ""),
            plain.replacingOccurrences(of: #""more":false"#, with: #""more":false,"x":"# + String(repeating: "[", count: 100)
                                       + String(repeating: "]", count: 100)),
            plain.replacingOccurrences(of: #""status":"pending""#, with: #""status":"unknown""#),
        ]
        for variant in variants {
            #expect(Self.scan(Array(variant.utf8)) == nil, "\(variant)")
        }
        // An escaped key is still an answer: the fallback reads it.
        #expect(try JSONDecoder().decode(FeedAnswer<ListedPayment>.self, from: Data(variants[0].utf8)).items.first?.id == "a")
    }

    static func scan(_ bytes: [UInt8]) -> FeedAnswer<ListedPayment>? {
        bytes.withUnsafeBytes { ListedPayment.scannedChangesAnswer($0) }
    }
}

/// A seeded generator, so a failing case names the seed that reproduces it.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Writes changes answers as a platform might: every field the list reads, in any order, among
/// unknown ones, with random white space and strings escaped in every way JSON allows.
enum AnswerWriter {
    static func answer(_ r: inout SplitMix) -> String {
        var members = [("cursor", string(&r)), ("items", array((0..<r.below(5)).map { _ in item(&r) }, &r)),
                       ("more", r.chance(50) ? "true" : "false")]
        if r.chance(40) { members.append(("extra", value(&r, depth: 0))) }
        return object(members.shuffled(using: &r), &r)
    }

    static func item(_ r: inout SplitMix) -> String {
        let statuses = PaymentStatus.allCases.map(\.rawValue)
        var members = [("id", string(&r)), ("conversationId", string(&r)), ("status", quoted(statuses[r.below(statuses.count)], &r)),
                       ("createdAt", time(&r)), ("expiresAt", time(&r)), ("payment", payment(&r))]
        if r.chance(70) { members.append(("updatedAt", r.chance(20) ? "null" : time(&r))) }
        if r.chance(70) { members.append(("agentKeyId", r.chance(20) ? "null" : string(&r))) }
        for name in ["token", "events", "paymentUrl", "response", "key", "active"] where r.chance(60) {
            members.append((name, value(&r, depth: 0)))
        }
        return object(members.shuffled(using: &r), &r)
    }

    static func payment(_ r: inout SplitMix) -> String {
        let amounts: [Int64] = [0, 1, -5, 12_550, Int64.max, Int64.min + 1, Int64(r.below(1_000_000))]
        var members = [("description", string(&r)), ("currency", quoted(["USD", "JPY", "KWD"][r.below(3)], &r)),
                       ("amount", String(amounts[r.below(amounts.count)]))]
        if r.chance(60) { members.append(("lineItems", value(&r, depth: 0))) }
        if r.chance(60) { members.append(("metadata", value(&r, depth: 0))) }
        return object(members.shuffled(using: &r), &r)
    }

    /// Mostly valid RFC 3339 times (some with a fraction or an offset); now and then one a
    /// board shows as the epoch.
    static func time(_ r: inout SplitMix) -> String {
        let fraction = r.chance(50) ? "." + String(r.below(1_000)) : ""
        let zone = r.chance(70) ? "Z" : "+0\(r.below(10)):30"
        let text = r.chance(10) ? "not a time" : "2026-\(10 + r.below(3))-1\(r.below(10))T1\(r.below(10)):2\(r.below(10)):3\(r.below(10))\(fraction)\(zone)"
        return quoted(text, &r)
    }

    static func value(_ r: inout SplitMix, depth: Int) -> String {
        switch depth > 2 ? r.below(4) : r.below(6) {
        case 0: return string(&r)
        case 1: return ["0", "-0", "12", "-3.25", "1e9", "2.5E-3", "1234567890123456789012"][r.below(7)]
        case 2: return ["true", "false", "null"][r.below(3)]
        case 3: return string(&r)
        case 4: return array((0..<r.below(4)).map { _ in value(&r, depth: depth + 1) }, &r)
        default: return object((0..<r.below(4)).map { i in ("k\(i)", value(&r, depth: depth + 1)) }, &r)
        }
    }

    static func string(_ r: inout SplitMix) -> String {
        let pool: [String] = ["a", "Z", "7", " ", "-", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{7f}", "é", "中", "😀", "\u{2028}"]
        let text = (0..<r.below(12)).map { _ in pool[r.below(pool.count)] }.joined()
        return quoted(text, &r)
    }

    /// `text` as a JSON string, each character written plainly or escaped at random.
    static func quoted(_ text: String, _ r: inout SplitMix) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += r.chance(50) ? "\\n" : "\\u000a"
            case "\t": out += r.chance(50) ? "\\t" : "\\u0009"
            case "/": out += r.chance(50) ? "/" : "\\/"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            case _ where r.chance(25):
                for unit in String(scalar).utf16 { out += String(format: r.chance(50) ? "\\u%04x" : "\\u%04X", unit) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func object(_ members: [(String, String)], _ r: inout SplitMix) -> String {
        "{" + space(&r) + members.map { "\"\($0.0)\"" + space(&r) + ":" + space(&r) + $0.1 + space(&r) }.joined(separator: "," + space(&r)) + "}"
    }

    static func array(_ elements: [String], _ r: inout SplitMix) -> String {
        "[" + space(&r) + elements.map { $0 + space(&r) }.joined(separator: "," + space(&r)) + "]"
    }

    static func space(_ r: inout SplitMix) -> String {
        r.chance(80) ? "" : [" ", "\n", "\t", "\r\n  "][r.below(4)]
    }
}
