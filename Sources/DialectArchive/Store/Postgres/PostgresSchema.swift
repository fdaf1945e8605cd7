import PostgresNIO

/// The PostgreSQL schema, as literal SQL: an append-only list of migrations, each applied once
/// in its own transaction and remembered in `schema_migrations`. A migration never changes
/// once released and depends on no application type, so a database made by any release
/// reaches today's schema the same way. Concurrent processes wait on an advisory lock, so
/// two that start at once do not both apply a migration.
enum PostgresSchema {
    static let migrations: [(name: String, statements: [String])] = [
        ("v1 segment search index", [
            """
            CREATE TABLE segment_search (
                id bigint PRIMARY KEY,
                tokens tsvector NOT NULL
            )
            """,
            "CREATE INDEX segment_search_tokens ON segment_search USING gin (tokens)",
        ]),
        // The planner estimates a lexeme missing from the column's statistics as half as
        // common as the rarest one listed. With the default 10,000 lexemes listed, a bigram
        // that no segment has is estimated at hundreds of rows, and a search for it walks the
        // whole table in id order; with 100,000 listed, it is found through the GIN index.
        ("v2 segment search statistics", [
            "ALTER TABLE segment_search ALTER COLUMN tokens SET STATISTICS 10000",
        ]),
        // A recording's audio landmarks, looked up by hash: the key holds the whole row, so a
        // lookup reads the index only.
        ("v3 landmarks", [
            """
            CREATE TABLE landmark (
                hash integer NOT NULL,
                recording_id bigint NOT NULL,
                frame integer NOT NULL,
                CONSTRAINT landmark_key PRIMARY KEY (hash, recording_id, frame)
            )
            """,
        ]),
    ]

    /// The GIN index of the segments' tokens (as migration v1 made it), which a bulk load drops
    /// and builds again.
    static let segmentSearchIndex = "CREATE INDEX IF NOT EXISTS segment_search_tokens ON segment_search USING gin (tokens)"

    /// The landmarks' key (as migration v3 made it), which a bulk load drops and adds again.
    static let landmarkKey = "ALTER TABLE landmark ADD CONSTRAINT landmark_key PRIMARY KEY (hash, recording_id, frame)"

    /// An arbitrary number that names the archive's migration lock among the server's advisory locks.
    private static let lockKey: Int64 = 0x6469_616c_6563_7401

    /// Connects to the database at `address` (libpq's form) and brings it up to today's schema.
    static func connectMigrated(_ address: String) throws -> PostgresDatabase {
        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        do {
            try migrate(database)
        } catch {
            database.close()
            throw error
        }
        return database
    }

    /// Brings the database up to today's schema.
    static func migrate(_ database: PostgresDatabase) throws {
        try database.transaction {
            try database.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            try database.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            let applied = Set(try database.rows("SELECT name FROM schema_migrations").map { try $0.decode(String.self) })
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements { try database.execute(PostgresQuery(unsafeSQL: statement)) }
                try database.execute("INSERT INTO schema_migrations (name) VALUES (\(migration.name))")
            }
        }
    }
}
