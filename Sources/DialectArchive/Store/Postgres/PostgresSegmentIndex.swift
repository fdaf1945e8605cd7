import Foundation
import PostgresNIO

/// The archive's segment search index in a PostgreSQL database: a `tsvector` per segment,
/// written from the archive's own tokens (`PostgresSearchTokens`), under a GIN index. It finds
/// the same segments, in the same order, as the SQLite index of the same archive.
///
/// ```swift
/// let index = try PostgresSegmentIndex.open("postgres://archive@/dialects?host=/run/postgresql")
/// try index.load(from: archive)
/// let ids = try index.segmentIDs(try SearchQuery("太阳"), limit: 50)
/// ```
public final class PostgresSegmentIndex: Sendable {
    private let database: PostgresDatabase
    /// Segments sent to the server per statement while loading.
    static let batchSize = 5_000

    private init(database: PostgresDatabase) {
        self.database = database
    }

    /// Connects to the database at `address` and brings its schema up to date.
    public static func open(_ address: String) throws -> PostgresSegmentIndex {
        PostgresSegmentIndex(database: try PostgresSchema.connectMigrated(address))
    }

    public func close() { database.close() }

    /// Indexes (or re-indexes) every searchable segment of `archive`, then readies the index
    /// for searching (`analyze`); returns how many. `progress` is told the count after each batch.
    @discardableResult
    public func load(from archive: Archive, progress: (Int) -> Void = { _ in }) throws -> Int {
        // Into an empty table, rows go in without the GIN index, which is then built once:
        // several times faster than growing it row by row.
        let rebuildIndex = try indexedCount() == 0
        if rebuildIndex { try database.execute("DROP INDEX IF EXISTS segment_search_tokens") }
        var last: Int64 = 0, loaded = 0
        while true {
            let batch = try archive.database.read { db in try SegmentSearchRow.batch(after: last, limit: Self.batchSize, db) }
            guard let lastRow = batch.last else {
                if rebuildIndex { try database.execute(PostgresQuery(unsafeSQL: PostgresSchema.segmentSearchIndex)) }
                try analyze()
                return loaded
            }
            try add(batch)
            last = lastRow.id
            loaded += batch.count
            progress(loaded)
        }
    }

    /// Writes the index entries of these segments, replacing any they had.
    func add(_ rows: [SegmentSearchRow]) throws {
        let ids = rows.map(\.id)
        let vectors = rows.map { PostgresSearchTokens.vector(text: $0.text, facets: $0.facets) }
        try database.execute("""
            INSERT INTO segment_search (id, tokens)
            SELECT * FROM unnest(\(ids)::bigint[], \(vectors)::text[]::tsvector[])
            ON CONFLICT (id) DO UPDATE SET tokens = excluded.tokens
            """)
    }

    /// The ids of the segments that match, in id order (the archive order of SQLite's index).
    public func segmentIDs(_ query: SearchQuery, limit: Int = 50, offset: Int = 0) throws -> [Int64] {
        let tsquery = PostgresSearchTokens.query(query)
        return try database.rows("""
            SELECT id FROM segment_search WHERE tokens @@ \(tsquery)::tsquery ORDER BY id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
            """).map { try $0.decode(Int64.self) }
    }

    /// How many segments match.
    public func count(_ query: SearchQuery) throws -> Int {
        let tsquery = PostgresSearchTokens.query(query)
        let rows = try database.rows("SELECT count(*) FROM segment_search WHERE tokens @@ \(tsquery)::tsquery")
        return Int(try rows[0].decode(Int64.self))
    }

    /// The server's own size of the index table and its indexes, in bytes.
    public func sizeInBytes() throws -> Int64 {
        try database.rows("SELECT pg_total_relation_size('segment_search')")[0].decode(Int64.self)
    }

    /// The server's plan for a search, for the benchmark and for anyone tuning a server.
    public func plan(_ query: SearchQuery, limit: Int = 50) throws -> String {
        let tsquery = PostgresSearchTokens.query(query)
        return try database.rows("""
            EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM segment_search WHERE tokens @@ \(tsquery)::tsquery ORDER BY id LIMIT \(max(0, limit))
            """).map { try $0.decode(String.self) }.joined(separator: "\n")
    }

    /// How many segments are indexed.
    public func indexedCount() throws -> Int {
        Int(try database.rows("SELECT count(*) FROM segment_search")[0].decode(Int64.self))
    }

    /// Empties the index (before a full reload).
    public func removeAll() throws {
        try database.execute("TRUNCATE segment_search")
    }

    /// After a bulk load: moves the GIN index's pending entries into the index proper (every
    /// search would otherwise read them one by one) and updates the planner's statistics.
    public func analyze() throws {
        try database.execute("VACUUM ANALYZE segment_search")
    }
}
