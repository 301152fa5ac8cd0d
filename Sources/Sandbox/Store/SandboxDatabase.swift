import GRDB

/// Opens the SQLite database (a WAL-mode pool on disk, or a private in-memory database for
/// tests) and brings its schema up to date with append-only migrations.
enum SandboxDatabase {
    static func open(path: String?) throws -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // A committed transaction survives a crash of the process and of the machine.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Reads from the mapped file rather than a pread per page: a board's full pass reads
            // 100,000 rows in 100 answers. Up to 256 MiB of the file.
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
        }
        let writer: any DatabaseWriter
        do {
            if let path {
                writer = try DatabasePool(path: path, configuration: configuration)
            } else {
                writer = try DatabaseQueue(configuration: configuration)
            }
            try migrator.migrate(writer)
        } catch {
            throw SandboxStartError.database("\(error)")
        }
        return writer
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: payments, conversations, keys, settings") { db in
            try db.execute(sql: """
                CREATE TABLE payment (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    conversation_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    details TEXT NOT NULL,
                    client_key TEXT,
                    token TEXT NOT NULL,
                    jti TEXT NOT NULL,
                    issuer TEXT NOT NULL,
                    payment_url TEXT NOT NULL,
                    short_code TEXT NOT NULL UNIQUE,
                    response TEXT,
                    reply_fingerprint TEXT
                );
                CREATE INDEX payment_by_status ON payment(status, seq);
                CREATE INDEX payment_by_conversation ON payment(conversation_id, seq);
                CREATE INDEX payment_due ON payment(expires_at) WHERE status IN ('pending', 'opened');
                CREATE TABLE payment_event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    payment_id TEXT NOT NULL REFERENCES payment(id),
                    at INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    note TEXT NOT NULL
                );
                CREATE INDEX payment_event_by_payment ON payment_event(payment_id, seq);
                CREATE TABLE conversation (
                    id TEXT PRIMARY KEY,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE conversation_message (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversation_id TEXT NOT NULL REFERENCES conversation(id),
                    at INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    text TEXT NOT NULL,
                    payment_id TEXT
                );
                CREATE INDEX conversation_message_by_conversation ON conversation_message(conversation_id, seq);
                CREATE TABLE api_key (
                    identity TEXT PRIMARY KEY,
                    role TEXT NOT NULL UNIQUE,
                    salt BLOB NOT NULL,
                    digest BLOB NOT NULL
                );
                CREATE TABLE setting (
                    name TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                CREATE TABLE idempotency_key (
                    identity TEXT NOT NULL,
                    key TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    response BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (identity, key)
                );
                CREATE TABLE payment_key_failure (
                    payment_id TEXT PRIMARY KEY REFERENCES payment(id),
                    failures INTEGER NOT NULL,
                    locked_until INTEGER
                );
                """)
        }
        migrator.registerMigration("v2: the agent key that created each payment") { db in
            try db.execute(sql: "ALTER TABLE payment ADD COLUMN agent_key_id TEXT")
        }
        migrator.registerMigration("v3: idempotency keys by age, for the sweeper") { db in
            try db.execute(sql: "CREATE INDEX idempotency_key_by_age ON idempotency_key(created_at)")
        }
        migrator.registerMigration("v4: change numbers, for the changes feed") { db in
            try db.execute(sql: """
                ALTER TABLE payment ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
                UPDATE payment SET change_seq = seq;
                CREATE UNIQUE INDEX payment_by_change ON payment(change_seq);
                CREATE INDEX payment_by_status_change ON payment(status, change_seq);
                INSERT OR IGNORE INTO setting (name, value) VALUES ('changes_epoch', lower(hex(randomblob(8))));
                """)
        }
        return migrator
    }
}
