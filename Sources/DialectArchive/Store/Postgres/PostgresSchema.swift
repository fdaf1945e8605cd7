import Foundation
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
        // The segment index in parts of 500,000 ids each (`segmentSearchPart`), read in id
        // order: a search through the GIN index sorts the hits of one part, not of the whole
        // archive, and stops when its page is full. The rows move over once, in this migration.
        // The parts keep the default statistics: the planner reads a part's statistics each
        // time it plans a search of it (2 ms with 38,000 lexemes listed); the search's own
        // estimate reads those of the whole table (`PostgresLexemeStatistics`).
        ("v4 segment search in parts by id", [
            "ALTER TABLE segment_search RENAME TO segment_search_whole",
            "ALTER INDEX segment_search_pkey RENAME TO segment_search_whole_pkey",
            "ALTER INDEX IF EXISTS segment_search_tokens RENAME TO segment_search_whole_tokens",
            """
            CREATE TABLE segment_search (
                id bigint NOT NULL,
                tokens tsvector NOT NULL
            ) PARTITION BY RANGE (id)
            """,
            "ALTER TABLE segment_search ALTER COLUMN tokens SET STATISTICS 10000",
            """
            DO $$
            BEGIN
                FOR part IN 0..coalesce((SELECT max(id) FROM segment_search_whole), 0) / 500000 LOOP
                    EXECUTE format('CREATE TABLE segment_search_%s PARTITION OF segment_search FOR VALUES FROM (%s) TO (%s)',
                                   part, part * 500000, (part + 1) * 500000);
                END LOOP;
            END
            $$
            """,
            // Both indexes are built after the rows are in: several times faster than growing them.
            "INSERT INTO segment_search SELECT id, tokens FROM segment_search_whole",
            "ALTER TABLE segment_search ADD CONSTRAINT segment_search_pkey PRIMARY KEY (id)",
            "CREATE INDEX segment_search_tokens ON segment_search USING gin (tokens)",
            "DROP TABLE segment_search_whole",
            "ANALYZE segment_search",
        ]),
        ("v5 catalogue", PostgresSchema.catalogue),
        // The landmarks as one row per hash holding every (recording, frame) pair of it, packed
        // as 12 bytes each (recording as 8 bytes, frame as 4, big-endian): a lookup reads a few
        // hundred rows instead of hundreds of thousands, and 1,000 hours take 4 GB instead of
        // some 30. Stored out of line uncompressed, so that a lookup copies them without
        // decompressing. Landmarks added later go to `landmark_posting_recent`, a row per hash
        // and batch, searched beside the main table and merged into it many at a time.
        ("v6 landmark postings", [
            """
            CREATE TABLE landmark_posting (
                hash integer PRIMARY KEY,
                postings bytea NOT NULL
            )
            """,
            "ALTER TABLE landmark_posting ALTER COLUMN postings SET STORAGE EXTERNAL",
            """
            CREATE TABLE landmark_posting_recent (
                hash integer NOT NULL,
                postings bytea NOT NULL
            )
            """,
            "ALTER TABLE landmark_posting_recent ALTER COLUMN postings SET STORAGE EXTERNAL",
            "CREATE INDEX landmark_posting_recent_hash ON landmark_posting_recent (hash)",
            """
            INSERT INTO landmark_posting (hash, postings)
            SELECT hash, string_agg(int8send(recording_id) || int4send(frame), ''::bytea ORDER BY recording_id, frame)
            FROM landmark GROUP BY hash
            """,
            "DROP TABLE landmark",
        ]),
        // One member of a JSON object stored as text, as text; null when the text is not JSON
        // (an event's details may not be), where a cast would stop the whole statement.
        ("v7 json member", [
            """
            CREATE FUNCTION json_member(document text, member text) RETURNS text
            LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
            BEGIN
                RETURN document::jsonb ->> member;
            EXCEPTION WHEN others THEN
                RETURN NULL;
            END
            $$
            """,
        ]),
        // The search index kept in step with the catalogue, as SQLite's triggers keep FTS5: a
        // segment's facets (see SearchFacets: U+FDD0, the facet's letter, the value with spaces
        // as `_`) are computed whenever it is added or its transcript, speaker or tier kind
        // changes, and again whenever the session, locality, transcript or speaker they come
        // from changes. Each segment whose text or facets changed, or that was deleted, is
        // queued in `segment_search_pending`; the archive indexes the queue with its own
        // tokenizer before the transaction commits (PostgresSegmentIndex.catchUp).
        ("v8 search index in step", [
            "CREATE TABLE segment_search_pending (id bigint PRIMARY KEY)",
            """
            CREATE FUNCTION segment_facets(bigint, text, text) RETURNS text LANGUAGE sql STABLE AS $$
                SELECT chr(64976) || 'l' || replace(coalesce(se.locality_id, ''), ' ', '_')
                    || ' ' || chr(64976) || 'g' || replace(coalesce(l.dialect_group, ''), ' ', '_')
                    || ' ' || chr(64976) || 't' || replace(coalesce(se.content_type, ''), ' ', '_')
                    || ' ' || chr(64976) || 'r' || replace(coalesce((SELECT role FROM speaker WHERE speaker.id = $2), ''), ' ', '_')
                    || ' ' || chr(64976) || 'k' || replace(coalesce($3, ''), ' ', '_')
                FROM transcript t JOIN session se ON se.id = t.session_id LEFT JOIN locality l ON l.id = se.locality_id
                WHERE t.id = $1
            $$
            """,
            """
            CREATE FUNCTION segment_facets_set() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.facets := segment_facets(NEW.transcript_id, NEW.speaker_id, NEW.tier_kind);
                RETURN NEW;
            END
            $$
            """,
            """
            CREATE TRIGGER segment_facets BEFORE INSERT OR UPDATE OF transcript_id, speaker_id, tier_kind ON segment
            FOR EACH ROW EXECUTE FUNCTION segment_facets_set()
            """,
            """
            CREATE FUNCTION segment_search_queue() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    INSERT INTO segment_search_pending (id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
                    RETURN OLD;
                END IF;
                IF TG_OP = 'INSERT' OR NEW.text IS DISTINCT FROM OLD.text OR NEW.facets IS DISTINCT FROM OLD.facets THEN
                    INSERT INTO segment_search_pending (id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
                END IF;
                RETURN NEW;
            END
            $$
            """,
            """
            CREATE TRIGGER segment_search_queue AFTER INSERT OR UPDATE OR DELETE ON segment
            FOR EACH ROW EXECUTE FUNCTION segment_search_queue()
            """,
            """
            CREATE FUNCTION segment_facets_follow() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_TABLE_NAME = 'session' THEN
                    IF OLD.locality_id IS DISTINCT FROM NEW.locality_id OR OLD.content_type IS DISTINCT FROM NEW.content_type THEN
                        UPDATE segment SET tier_kind = tier_kind WHERE transcript_id IN (SELECT id FROM transcript WHERE session_id = NEW.id);
                    END IF;
                ELSIF TG_TABLE_NAME = 'locality' THEN
                    IF OLD.dialect_group IS DISTINCT FROM NEW.dialect_group THEN
                        UPDATE segment SET tier_kind = tier_kind WHERE transcript_id IN (
                            SELECT t.id FROM transcript t JOIN session se ON se.id = t.session_id WHERE se.locality_id = NEW.id);
                    END IF;
                ELSIF TG_TABLE_NAME = 'transcript' THEN
                    IF OLD.session_id IS DISTINCT FROM NEW.session_id THEN
                        UPDATE segment SET tier_kind = tier_kind WHERE transcript_id = NEW.id;
                    END IF;
                ELSIF TG_TABLE_NAME = 'speaker' THEN
                    IF OLD.role IS DISTINCT FROM NEW.role THEN
                        UPDATE segment SET tier_kind = tier_kind WHERE speaker_id = NEW.id;
                    END IF;
                END IF;
                RETURN NEW;
            END
            $$
            """,
            "CREATE TRIGGER session_facets AFTER UPDATE ON session FOR EACH ROW EXECUTE FUNCTION segment_facets_follow()",
            "CREATE TRIGGER locality_facets AFTER UPDATE ON locality FOR EACH ROW EXECUTE FUNCTION segment_facets_follow()",
            "CREATE TRIGGER transcript_facets AFTER UPDATE ON transcript FOR EACH ROW EXECUTE FUNCTION segment_facets_follow()",
            "CREATE TRIGGER speaker_facets AFTER UPDATE ON speaker FOR EACH ROW EXECUTE FUNCTION segment_facets_follow()",
        ]),
        // A session's speakers are listed in the order they were given, which SQLite keeps as
        // the rows' order (rowid); rows already copied are numbered in the order they were stored.
        ("v9 participant order", [
            "ALTER TABLE session_participant ADD COLUMN position bigint GENERATED BY DEFAULT AS IDENTITY",
        ]),
        // What relevance order (FTS5's bm25) needs beside the tokens, as FTS5 keeps it: each
        // segment's size in tokens, and the count of indexed segments with the sum of their
        // sizes, kept in step by every write of the index (`changes` counts those writes, so
        // that counts of a phrase's hits can be kept until the index changes). A row indexed
        // before has its last position as its size (its facets end it; PostgreSQL keeps
        // positions up to 16,383). The GIN index is built again after the rows are rewritten:
        // several times faster than growing it row by row.
        ("v10 segment search sizes", [
            "ALTER TABLE segment_search ADD COLUMN size integer",
            "DROP INDEX IF EXISTS segment_search_tokens",
            "UPDATE segment_search SET size = (SELECT coalesce(max(p), 0) FROM unnest(tokens) u, unnest(u.positions) p)",
            "CREATE INDEX segment_search_tokens ON segment_search USING gin (tokens)",
            "ALTER TABLE segment_search ALTER COLUMN size SET NOT NULL",
            """
            CREATE TABLE segment_search_totals (
                segments bigint NOT NULL,
                tokens bigint NOT NULL,
                changes bigint NOT NULL
            )
            """,
            "INSERT INTO segment_search_totals SELECT count(*), coalesce(sum(size), 0), 0 FROM segment_search",
        ]),
        // Each segment's speaker role and dialect group as one more lexeme, without a position:
        // U+FDD0, `x`, the role, `/`, the dialect group, for each role (`r`) and dialect group
        // (`g`) facet of the row (see PostgresFacetPairs). A search filtered by both asks the
        // GIN index for the pair, a fortieth of the rows, instead of the two facets, each a
        // tenth to a third. The rows are written anew rather than updated, which would leave
        // the table twice its size (the old versions stay until a VACUUM, which a transaction
        // cannot run); the GIN index is built again after they are in.
        ("v11 role and dialect group pairs", [
            "DROP INDEX IF EXISTS segment_search_tokens",
            """
            CREATE TEMPORARY TABLE segment_search_paired ON COMMIT DROP AS
            SELECT id, size, tokens || coalesce((
                SELECT array_to_tsvector(array_agg(DISTINCT chr(64976) || 'x' || r.value || '/' || g.value))
                FROM (SELECT substr(lexeme, 3) AS value FROM unnest(tokens) WHERE left(lexeme, 2) = chr(64976) || 'r') r,
                     (SELECT substr(lexeme, 3) AS value FROM unnest(tokens) WHERE left(lexeme, 2) = chr(64976) || 'g') g
            ), ''::tsvector) AS tokens
            FROM segment_search
            """,
            "TRUNCATE segment_search",
            "INSERT INTO segment_search (id, tokens, size) SELECT id, tokens, size FROM segment_search_paired",
            "CREATE INDEX segment_search_tokens ON segment_search USING gin (tokens)",
            "ANALYZE segment_search",
        ]),
    ]

    /// Statements run once a migration's transaction has committed, by the migration's name:
    /// VACUUM cannot run inside a transaction. A process stopped before them loses nothing;
    /// autovacuum does the same later.
    static let afterMigrations: [String: [String]] = [
        // Sets the rows' hint bits and the visibility map at once, so that the first searches
        // after the upgrade do not each write the pages they read.
        "v11 role and dialect group pairs": ["VACUUM ANALYZE segment_search"],
    ]

    /// Ids per part of the segment index (migration v4).
    static let idsPerPart: Int64 = 500_000

    /// Makes the part of the segment index that holds `id`, unless it is there; its indexes
    /// come from the whole table's.
    static func segmentSearchPart(holding id: Int64) -> String {
        let part = id / idsPerPart
        return "CREATE TABLE IF NOT EXISTS segment_search_\(part) PARTITION OF segment_search FOR VALUES FROM (\(part * idsPerPart)) TO (\((part + 1) * idsPerPart))"
    }

    /// The GIN index of the segments' tokens (as migrations v1 and v4 made it), which a bulk load drops
    /// and builds again.
    static let segmentSearchIndex = "CREATE INDEX IF NOT EXISTS segment_search_tokens ON segment_search USING gin (tokens)"

    /// Counts the segments of the index and their tokens again (after a bulk copy).
    static let segmentSearchRecount = """
        UPDATE segment_search_totals SET (segments, tokens, changes) =
            (SELECT count(*), coalesce(sum(size), 0), segment_search_totals.changes + 1 FROM segment_search)
        """

    /// An arbitrary number that names the archive's migration lock among the server's advisory locks.
    static let lockKey: Int64 = 0x6469_616c_6563_7401

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

    /// Connects to the database of the archive at `archive`: brings it up to today's schema,
    /// unless the server lets this connection only read (a read replica, or
    /// `default_transaction_read_only`); it must then be at today's schema already. Returns the
    /// connection and whether it can only read.
    static func connectArchive(_ address: String, archive: URL) throws -> (database: PostgresDatabase, readOnly: Bool) {
        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        do {
            let readOnly = try database.rows("SELECT current_setting('transaction_read_only') = 'on'")[0].decode(Bool.self)
            if readOnly {
                let made = try database.rows("SELECT to_regclass('schema_migrations') IS NOT NULL")[0].decode(Bool.self)
                let applied = made ? try database.rows("SELECT name FROM schema_migrations").map { try $0.decode(String.self) } : []
                guard Set(applied).isSuperset(of: migrations.map(\.name)) else { throw ArchiveError.readOnlyNeedsUpgrade(path: archive.path) }
            } else {
                try migrate(database)
            }
            return (database, readOnly)
        } catch {
            database.close()
            throw error
        }
    }

    /// Brings the database up to today's schema, or only up to the migration named `last`
    /// (to make a database as an earlier release left it).
    static func migrate(_ database: PostgresDatabase, through last: String? = nil) throws {
        let count = last.flatMap { name in migrations.firstIndex { $0.name == name } }.map { $0 + 1 } ?? migrations.count
        let appliedNow = try database.transaction {
            try database.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            try database.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            let applied = Set(try database.rows("SELECT name FROM schema_migrations").map { try $0.decode(String.self) })
            let missing = migrations.prefix(count).filter { !applied.contains($0.name) }
            for migration in missing {
                for statement in migration.statements { try database.execute(PostgresQuery(unsafeSQL: statement)) }
                try database.execute("INSERT INTO schema_migrations (name) VALUES (\(migration.name))")
            }
            return missing.map(\.name)
        }
        for name in appliedNow {
            for statement in afterMigrations[name] ?? [] { try database.execute(PostgresQuery(unsafeSQL: statement)) }
        }
    }
}
