import Foundation
import GRDB
import PaymentCore

/// One payment as stored, with its timeline: everything needed to answer either side.
struct PaymentRecord: Sendable {
    var seq: Int64
    var id: String
    var conversationId: String
    var status: PaymentStatus
    var createdAt: Int64
    var expiresAt: Int64
    var updatedAt: Int64
    var details: PaymentDetails
    var clientKey: String?
    var token: String
    var jti: String
    var issuer: String
    var paymentUrl: String
    var shortCode: String
    var response: PaymentReplyRecord?
    var replyFingerprint: String?
    /// The identity of the agent key that created it (nil for payments stored before v2).
    var agentKeyId: String?
    /// Its change number: the next one is taken by every write that changes what it shows.
    var change: Int64
    var events: [PaymentEvent] = []

    init(row: Row) throws {
        seq = row["seq"]
        id = row["id"]
        conversationId = row["conversation_id"]
        let statusText: String = row["status"]
        guard let status = PaymentStatus(rawValue: statusText) else { throw StoreError.corrupt("status \(statusText)") }
        self.status = status
        createdAt = row["created_at"]
        expiresAt = row["expires_at"]
        updatedAt = row["updated_at"]
        let detailsText: String = row["details"]
        details = try JSONDecoder().decode(PaymentDetails.self, from: Data(detailsText.utf8))
        clientKey = row["client_key"]
        token = row["token"]
        jti = row["jti"]
        issuer = row["issuer"]
        paymentUrl = row["payment_url"]
        shortCode = row["short_code"]
        let responseText: String? = row["response"]
        response = try responseText.map { try JSONDecoder().decode(PaymentReplyRecord.self, from: Data($0.utf8)) }
        replyFingerprint = row["reply_fingerprint"]
        agentKeyId = row["agent_key_id"]
        change = row["change_seq"]
    }

    /// Whether `claims` are those of the token minted for this payment: same jti, conversation
    /// and issuer (a token for another payment, or an older token, is refused).
    func isMintedFor(_ claims: PaymentClaims) -> Bool {
        id == claims.sub && jti == claims.jti && conversationId == claims.cid && issuer == claims.iss
    }

    /// Which side is reading: the agent side sees the token, links and timeline; the Client does not.
    enum View { case agent(baseURL: String), client }

    func message(_ view: View, replayed: Bool? = nil) -> PaymentMessage {
        var message = PaymentMessage(
            id: id, conversationId: conversationId, status: status,
            createdAt: Timestamp.rfc3339(milliseconds: createdAt),
            expiresAt: Timestamp.rfc3339(milliseconds: expiresAt),
            payment: details, key: clientKey, response: response, replayed: replayed)
        if case .agent(let baseURL) = view {
            message.updatedAt = Timestamp.rfc3339(milliseconds: updatedAt)
            message.token = token
            message.paymentUrl = paymentUrl
            message.shortUrl = baseURL + "/p/" + shortCode
            message.events = events
            message.agentKeyId = agentKeyId
        }
        return message
    }

    /// The amount as people read it, e.g. `$125.50`.
    static func formatted(_ amount: Int64, currency code: String) -> String {
        guard let currency = Currency(code: code) else { return "\(code) \(amount)" }
        return Money(minorUnits: amount, currency: currency).formatted(.symbol)
    }
}

/// The store found something it did not write.
enum StoreError: Error, CustomStringConvertible {
    case corrupt(String)
    var description: String {
        switch self {
        case .corrupt(let what): "The sandbox database holds an unexpected value (\(what)): start with a fresh --data-dir."
        }
    }
}
