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

    /// The columns `init(row:decoder:)` reads, in this order: reading a row by index spares
    /// GRDB's search for each column's name, 18 times a row on every page of a full pass.
    static let columns = """
        seq, id, conversation_id, status, created_at, expires_at, updated_at, details, client_key, token, jti, \
        issuer, payment_url, short_code, response, reply_fingerprint, agent_key_id, change_seq
        """

    /// A row of `SELECT \(columns)`; `decoder` reads its JSON columns (one per batch of rows).
    init(row: Row, decoder: JSONDecoder) throws {
        seq = row[0]
        id = row[1]
        conversationId = row[2]
        let statusText: String = row[3]
        guard let status = PaymentStatus(rawValue: statusText) else { throw StoreError.corrupt("status \(statusText)") }
        self.status = status
        createdAt = row[4]
        expiresAt = row[5]
        updatedAt = row[6]
        let detailsText: String = row[7]
        details = try decoder.decode(PaymentDetails.self, from: Data(detailsText.utf8))
        clientKey = row[8]
        token = row[9]
        jti = row[10]
        issuer = row[11]
        paymentUrl = row[12]
        shortCode = row[13]
        let responseText: String? = row[14]
        response = try responseText.map { try decoder.decode(PaymentReplyRecord.self, from: Data($0.utf8)) }
        replyFingerprint = row[15]
        agentKeyId = row[16]
        change = row[17]
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
