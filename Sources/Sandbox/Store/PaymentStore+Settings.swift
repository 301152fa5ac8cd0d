import QuiqpayFiles
import Foundation
import GRDB
import PaymentCore

/// Settings, API keys and first-start seeding.
extension PaymentStore {
    enum SettingName: String {
        case collectionUrl = "collection_url"
        /// "1" when the collection URL is the sandbox's own default (re-derived on each start).
        case collectionUrlIsDefault = "collection_url_is_default"
        case defaultTtlSeconds = "default_ttl_seconds"
        case paymentKeySalt = "payment_key_salt"
        case paymentKeyDigest = "payment_key_digest"
        case demoConversation = "demo_conversation"
        /// JSON array of every base URL this sandbox has issued tokens as.
        case issuers = "issuers"
        /// Random per database: the changes feed's cursors name it, so one from another database is refused.
        case changesEpoch = "changes_epoch"
    }

    /// Records `baseURL` as an issuer and returns all of them, so tokens minted before a
    /// restart on another port still verify (each is also bound to its payment's issuer).
    func registerIssuer(_ baseURL: String) async throws -> Set<String> {
        try await write { db in
            var issuers = (try Self.setting(db, .issuers)).flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
            if !issuers.contains(baseURL) {
                issuers.append(baseURL)
                try Self.set(db, .issuers, String(decoding: try JSONCoding.encode(issuers), as: UTF8.self))
            }
            return Set(issuers)
        }
    }

    func setCollectionURL(_ url: String) async throws {
        try await write { db in
            try Self.set(db, .collectionUrl, url)
            try Self.set(db, .collectionUrlIsDefault, "0")
        }
    }

    static func setting(_ db: Database, _ name: SettingName) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [name.rawValue])
    }

    static func set(_ db: Database, _ name: SettingName, _ value: String) throws {
        try db.execute(sql: "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                       arguments: [name.rawValue, value])
    }

    static func paymentKeyHash(_ db: Database) throws -> SecretHash? {
        guard let salt = try setting(db, .paymentKeySalt), let digest = try setting(db, .paymentKeyDigest),
              let saltBytes = Base64URL.decode(salt), let digestBytes = Base64URL.decode(digest) else { return nil }
        return SecretHash(salt: saltBytes, digest: digestBytes)
    }

    static func setPaymentKey(_ db: Database, _ key: String) throws {
        let hash = SecretHash(hashing: key)
        try set(db, .paymentKeySalt, Base64URL.encode(hash.salt))
        try set(db, .paymentKeyDigest, Base64URL.encode(hash.digest))
    }

    func settings() async throws -> PaymentSettings {
        try await writer.read { db in
            PaymentSettings(collectionUrl: try Self.setting(db, .collectionUrl),
                            paymentKeySet: try Self.paymentKeyHash(db) != nil,
                            defaultTtlSeconds: Int(try Self.setting(db, .defaultTtlSeconds) ?? "") ?? 86_400)
        }
    }

    func update(_ update: PaymentSettingsUpdate) async throws -> PaymentSettings {
        try await write { db in
            if let url = update.collectionUrl {
                try Self.set(db, .collectionUrl, url)
                try Self.set(db, .collectionUrlIsDefault, "0")
            }
            if let key = update.paymentKey { try Self.setPaymentKey(db, key) }
            if let ttl = update.defaultTtlSeconds { try Self.set(db, .defaultTtlSeconds, String(ttl)) }
        }
        return try await settings()
    }

    /// Every API key's identity, role and salted hash.
    func apiKeys() async throws -> [String: APIKeyCheck.Entry] {
        try await writer.read { db in
            var keys: [String: APIKeyCheck.Entry] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT identity, role, salt, digest FROM api_key") {
                guard let role = APIKeyRole(rawValue: row["role"]) else { throw StoreError.corrupt("role") }
                keys[row["identity"]] = APIKeyCheck.Entry(role: role, hash: SecretHash(salt: Array(row["salt"] as Data),
                                                                                        digest: Array(row["digest"] as Data)))
            }
            return keys
        }
    }

    /// What first start seeds and later starts keep: one API key per role, the Payment Key,
    /// the demo conversation and the settings. `known` are the clear secrets from `sandbox.json`;
    /// any that no longer match their hash (or are missing) are replaced by new ones.
    func bootstrap(known: SandboxDescriptor?, collectionUrl: String?, defaultCollectionUrl: String,
                   defaultTtlSeconds: Int, now: Int64) async throws -> SandboxDescriptor.Secrets {
        try await write { db in
            var keys: [APIKeyRole: SandboxDescriptor.Key] = [:]
            for role in APIKeyRole.allCases {
                let row = try Row.fetchOne(db, sql: "SELECT identity, salt, digest FROM api_key WHERE role = ?", arguments: [role.rawValue])
                if let row, let knownKey = known?.keys[role.rawValue], knownKey.identity == row["identity"] as String,
                   SecretHash(salt: Array(row["salt"] as Data), digest: Array(row["digest"] as Data)).matches(knownKey.secret) {
                    keys[role] = knownKey
                    continue
                }
                let key = SandboxDescriptor.Key(identity: "\(role.rawValue)-" + RandomText.base62(count: 10),
                                                 secret: RandomText.base62(count: 40))
                let hash = SecretHash(hashing: key.secret)
                try db.execute(sql: "DELETE FROM api_key WHERE role = ?", arguments: [role.rawValue])
                try db.execute(sql: "INSERT INTO api_key (identity, role, salt, digest) VALUES (?, ?, ?, ?)",
                               arguments: [key.identity, role.rawValue, Data(hash.salt), Data(hash.digest)])
                keys[role] = key
            }
            var paymentKey = known?.paymentKey ?? ""
            let storedKey = try Self.paymentKeyHash(db)
            if paymentKey.isEmpty || !(storedKey?.matches(paymentKey) ?? false) {
                paymentKey = RandomText.base62(count: 32)
                try Self.setPaymentKey(db, paymentKey)
            }
            if try Self.setting(db, .defaultTtlSeconds) == nil {
                try Self.set(db, .defaultTtlSeconds, String(defaultTtlSeconds))
            }
            if let collectionUrl {
                try Self.set(db, .collectionUrl, collectionUrl)
                try Self.set(db, .collectionUrlIsDefault, "0")
            } else if try Self.setting(db, .collectionUrl) == nil || (try Self.setting(db, .collectionUrlIsDefault)) == "1" {
                try Self.set(db, .collectionUrl, defaultCollectionUrl)
                try Self.set(db, .collectionUrlIsDefault, "1")
            }
            let conversationId: String
            if let existing = try Self.setting(db, .demoConversation) {
                conversationId = existing
            } else {
                conversationId = RandomText.uuid()
                try Self.set(db, .demoConversation, conversationId)
                try Self.post(db, conversationId: conversationId, author: .user,
                              text: "Hi! I'd like to pay the deposit for order 1042.", paymentId: nil, now: now)
                try Self.post(db, conversationId: conversationId, author: .agent,
                              text: "Of course: I'm sending you a secure payment link now.", paymentId: nil, now: now + 1)
            }
            return SandboxDescriptor.Secrets(keys: keys, paymentKey: paymentKey, conversationId: conversationId,
                                              collectionUrl: try Self.setting(db, .collectionUrl) ?? defaultCollectionUrl)
        }
    }
}
