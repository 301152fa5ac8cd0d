import Foundation
import GRDB
import PaymentCore
import Testing
@testable import Sandbox

/// One answer of the feed as the wire has it.
private struct Changes: Decodable {
    var cursor: String
    var items: [PaymentMessage]
    var more: Bool
}

extension Harness {
    fileprivate func changes(_ query: String) async throws -> Changes {
        let reply = try await send(.GET, "/api/v1/payment-requests?\(query)", as: .agent)
        guard reply.status == 200 else { throw HarnessError.unexpected(reply.status, reply.text) }
        return try reply.decode(Changes.self)
    }

    /// Every call of a feed from `cursor` until `more` is false: the items in order and the last cursor.
    fileprivate func drain(status: String, from cursor: String, limit: Int = 1000) async throws -> (items: [PaymentMessage], cursor: String) {
        var items: [PaymentMessage] = []
        var position = cursor
        for _ in 0..<1000 {
            let answer = try await changes("status=\(status)&changedSince=\(position)&limit=\(limit)")
            items += answer.items
            position = answer.cursor
            if !answer.more { return (items, position) }
        }
        throw HarnessError.unexpected(200, "the feed never ended")
    }
}

@Suite("Changes feed")
struct ChangesFeedTests {
    @Test("changedSince=0 gives the members, then each cursor gives only arrivals, changes and departures")
    func arrivalsChangesDepartures() async throws {
        try await withSandbox { sandbox in
            let staying = try await sandbox.create()
            let opening = try await sandbox.create()
            let paying = try await sandbox.create()
            let cancelling = try await sandbox.create()
            let expiring = try await sandbox.create(#"{"description":"Slow","currency":"USD","amount":500,"expiresInSeconds":60}"#)
            let alreadyPaid = try await sandbox.create()
            #expect(try await sandbox.reply(try #require(alreadyPaid.token), #"{"outcome":"success"}"#).status == 200)

            let full = try await sandbox.drain(status: "pending,opened", from: "0", limit: 2)
            #expect(Set(full.items.map(\.id)) == [staying.id, opening.id, paying.id, cancelling.id, expiring.id])

            let unchanged = try await sandbox.changes("status=pending,opened&changedSince=\(full.cursor)")
            #expect(unchanged.items.isEmpty && !unchanged.more)

            _ = try await sandbox.clientRead(try #require(opening.token))
            #expect(try await sandbox.reply(try #require(paying.token), #"{"outcome":"success","transactionId":"tx-9"}"#).status == 200)
            #expect(try await sandbox.send(.POST, "/api/v1/payment-requests/\(cancelling.id)/cancel", as: .agent).status == 200)
            sandbox.clock.advance(seconds: 60)
            let arrived = try await sandbox.create(#"{"description":"New","currency":"EUR","amount":700,"expiresInSeconds":3600}"#)

            let news = try await sandbox.changes("status=pending,opened&changedSince=\(unchanged.cursor)")
            let byId = Dictionary(news.items.map { ($0.id, $0.status) }, uniquingKeysWith: { _, last in last })
            #expect(byId == [opening.id: .opened, paying.id: .paid, cancelling.id: .cancelled,
                             expiring.id: .expired, arrived.id: .pending])
            #expect(byId[staying.id] == nil && byId[alreadyPaid.id] == nil)
            #expect(news.items.first { $0.id == paying.id }?.response?.transactionId == "tx-9")

            let quiet = try await sandbox.changes("status=pending,opened&changedSince=\(news.cursor)")
            #expect(quiet.items.isEmpty)
            let paidFeed = try await sandbox.changes("status=paid&changedSince=\(unchanged.cursor)")
            #expect(paidFeed.items.map(\.id) == [paying.id], "only payments that ever had a status asked for")
        }
    }

    @Test("payments that change while a full pass is under way reach the board by the pass's last cursor")
    func changesDuringFullPass() async throws {
        try await withSandbox { sandbox in
            var ids: [String] = []
            for index in 0..<6 { ids.append(try await sandbox.create(#"{"description":"P\#(index)","currency":"JPY","amount":100}"#).id) }
            var board: [String: PaymentStatus] = [:]
            var answer = try await sandbox.changes("status=pending,opened&changedSince=0&limit=2")
            for item in answer.items { board[item.id] = item.status }
            #expect(answer.more)
            // Between two calls of the pass: one listed payment leaves, one not yet read leaves,
            // and one arrives.
            let listedThenGone = answer.items[0].id
            #expect(try await sandbox.send(.POST, "/api/v1/payment-requests/\(listedThenGone)/cancel", as: .agent).status == 200)
            let unread = try #require(ids.first { board[$0] == nil })
            #expect(try await sandbox.send(.POST, "/api/v1/payment-requests/\(unread)/cancel", as: .agent).status == 200)
            let arrived = try await sandbox.create().id
            while answer.more {
                answer = try await sandbox.changes("status=pending,opened&changedSince=\(answer.cursor)&limit=2")
                for item in answer.items { board[item.id] = item.status }
            }
            let after = try await sandbox.drain(status: "pending,opened", from: answer.cursor)
            for item in after.items { board[item.id] = item.status }
            let shown = Set(board.filter { $0.value.isActive }.keys)
            #expect(shown == Set(ids + [arrived]).subtracting([listedThenGone, unread]))
            let listed = try await sandbox.send(.GET, "/api/v1/payment-requests?status=pending,opened", as: .agent).decode(PaymentPage.self)
            #expect(shown == Set(listed.items.map(\.id)))
        }
    }

    @Test("view=summary sends each payment's list columns with the full message's values and nothing more; a bad view is 422")
    func summaryView() async throws {
        try await withSandbox { sandbox in
            let created = try await sandbox.create(#"{"description":"Café \"crème\"","currency":"KWD","amount":1250,"lineItems":[{"name":"Cup","quantity":2,"unitAmount":625}],"metadata":{"order":"1042"}}"#)
            let opened = try await sandbox.create()
            _ = try await sandbox.clientRead(try #require(opened.token))
            let query = "status=pending,opened&changedSince=0"
            let summary = try await sandbox.send(.GET, "/api/v1/payment-requests?\(query)&view=summary", as: .agent)
            let full = try await sandbox.changes(query)
            #expect(summary.status == 200)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.text.utf8)) as? [String: Any])
            let items = try #require(object["items"] as? [[String: Any]])
            #expect(items.count == 2 && object["cursor"] is String && object["more"] as? Bool == false)
            try Self.expectSummaries(items, of: full.items)
            #expect(items.contains { $0["id"] as? String == created.id && ($0["payment"] as? [String: Any])?["description"] as? String == "Café \"crème\"" })
            #expect(!summary.text.contains("token") && !summary.text.contains("lineItems") && !summary.text.contains("events"))
            let whole = try await sandbox.send(.GET, "/api/v1/payment-requests?\(query)", as: .agent)
            #expect(summary.text.utf8.count * 2 < whole.text.utf8.count, "a summary is under half the message")

            // The cursor is the same feed's: a later change comes as a summary too.
            let cursor = try #require(object["cursor"] as? String)
            #expect(try await sandbox.send(.POST, "/api/v1/payment-requests/\(created.id)/cancel", as: .agent).status == 200)
            let next = try await sandbox.send(.GET, "/api/v1/payment-requests?status=pending,opened&changedSince=\(cursor)&view=summary", as: .agent)
            #expect(next.text.contains(#""status":"cancelled""#) && next.text.contains(#""active":false"#) && !next.text.contains("token"))

            for (bad, field) in [("changedSince=0&view=compact", "view"), ("view=summary", "view")] {
                let reply = try await sandbox.send(.GET, "/api/v1/payment-requests?\(bad)", as: .agent)
                #expect(reply.status == 422 && reply.error?.fields?.map(\.field) == [field], "\(bad)")
            }
        }
    }

    @Test("after a restart (no summary made yet) summaries are read from the payments' columns, with the whole messages' values")
    func summariesAfterRestart() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await Harness.start(dataDirectory: directory)
        let full: Changes
        do {
            _ = try await first.create(#"{"description":"Tea \"green\" / 緑茶","currency":"JPY","amount":480}"#)
            let opened = try await first.create()
            _ = try await first.clientRead(try #require(opened.token))
            full = try await first.changes("status=pending,opened&changedSince=0")
        } catch {
            await first.stop()
            throw error
        }
        await first.stop()
        let second = try await Harness.start(dataDirectory: directory, clock: first.clock)
        do {
            let reply = try await second.send(.GET, "/api/v1/payment-requests?status=pending,opened&changedSince=0&view=summary", as: .agent)
            #expect(reply.status == 200)
            let items = try #require(reply.json["items"] as? [[String: Any]])
            #expect(items.count == 2)
            try Self.expectSummaries(items, of: full.items)
        } catch {
            await second.stop()
            throw error
        }
        await second.stop()
    }

    /// Each summary has exactly the summary's keys, and the values its payment's message has.
    static func expectSummaries(_ items: [[String: Any]], of messages: [PaymentMessage]) throws {
        let byId = Dictionary(messages.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        for item in items {
            let message = try #require(byId[item["id"] as? String ?? ""], "a summary of a payment the full feed has")
            #expect(Set(item.keys) == ["active", "agentKeyId", "conversationId", "createdAt", "expiresAt", "id", "payment", "status", "updatedAt"])
            #expect(item["status"] as? String == message.status.rawValue && item["active"] as? Bool == message.status.isActive)
            #expect(item["createdAt"] as? String == message.createdAt && item["updatedAt"] as? String == message.updatedAt)
            #expect(item["expiresAt"] as? String == message.expiresAt && item["agentKeyId"] as? String == message.agentKeyId)
            #expect(item["conversationId"] as? String == message.conversationId)
            let payment = try #require(item["payment"] as? [String: Any])
            #expect(Set(payment.keys) == ["amount", "currency", "description"])
            #expect(payment["description"] as? String == message.payment.description && payment["currency"] as? String == message.payment.currency)
            #expect((payment["amount"] as? NSNumber)?.int64Value == message.payment.amount)
        }
    }

    @Test("a cursor from before the feed's day, or from another database, is 410 cursor_expired; a malformed one is 422")
    func expiredCursor() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.create(#"{"description":"Long","currency":"USD","amount":500,"expiresInSeconds":604800}"#)
            let start = try await sandbox.changes("status=pending,opened&changedSince=0")
            sandbox.clock.advance(seconds: 24 * 3600 + 1)
            let old = try await sandbox.send(.GET, "/api/v1/payment-requests?status=pending,opened&changedSince=\(start.cursor)", as: .agent)
            #expect(old.status == 410 && old.error?.code == "cursor_expired")
            #expect(old.error?.message.contains("changedSince=0") == true)

            try await withSandbox { other in
                let foreign = try await other.send(.GET, "/api/v1/payment-requests?changedSince=\(start.cursor)", as: .agent)
                #expect(foreign.status == 410 && foreign.error?.code == "cursor_expired")
            }
            for bad in ["", "xyz", "YzE6"] {
                let reply = try await sandbox.send(.GET, "/api/v1/payment-requests?changedSince=\(bad)", as: .agent)
                #expect(reply.status == 422 && reply.error?.fields?.map(\.field) == ["changedSince"], "\(bad)")
            }
            let both = try await sandbox.send(.GET, "/api/v1/payment-requests?changedSince=0&after=\(start.cursor)&limit=1001", as: .agent)
            #expect(both.status == 422 && Set(both.error?.fields?.map(\.field) ?? []) == ["after", "limit"])
            let fresh = try await sandbox.changes("status=pending,opened&changedSince=0")
            #expect(fresh.items.count == 1)
        }
    }

    @Test("the feed's reads are ranges of an index, with no sort of the rows past the cursor")
    func feedUsesIndexes() async throws {
        try await withSandbox { sandbox in
            let writer = sandbox.sandbox.api.store.writer
            // The store's own statements, with arguments of the shapes it binds.
            let statements: [(sql: String, arguments: StatementArguments)] = [
                (PaymentStore.changesSQL(statusCount: 0), [5, 10]),
                (PaymentStore.changesSQL(statusCount: 2), ["opened", "pending", 5, 10]),
                (PaymentStore.membersSQL(byStatus: true), ["pending", 5, 10]),
                (PaymentStore.membersSQL(byStatus: false), [5, 10]),
            ]
            let plans = try await writer.read { db in
                try statements.map { statement in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                        .map { $0["detail"] as String }.joined(separator: "\n")
                }
            }
            for plan in plans {
                #expect(plan.contains("USING") && plan.contains("INDEX"), "\(plan)")
                #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
            }
        }
    }
}
