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
    private let statistics = KeptStatistics()
    /// Segments sent to the server per statement while loading.
    static let batchSize = 5_000
    /// Up to this many estimated hits, a search reads its hits through the GIN index and
    /// sorts them (a few milliseconds); beyond, it walks the ids in order and stops at the
    /// page's end, which comes soon when hits are that common.
    static let fewHits = 5_000.0

    /// How a search reads the table; the planner is held to it (see `read`).
    enum Reading {
        /// Every hit through the GIN index, then sorted by id.
        case throughIndex
        /// Rows in id order, each tested, until the page is full.
        case alongIds
    }

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
        try segmentIDs(query, limit: limit, offset: offset, reading: try reading(for: query, limit: limit, offset: offset))
    }

    /// The same, read as `reading` says (both readings give the same ids).
    func segmentIDs(_ query: SearchQuery, limit: Int, offset: Int, reading: Reading) throws -> [Int64] {
        let tsquery = PostgresSearchTokens.query(query)
        return try read(reading) {
            try database.rows("""
                SELECT id FROM segment_search WHERE tokens @@ \(tsquery)::tsquery ORDER BY id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                """).map { try $0.decode(Int64.self) }
        }
    }

    /// Runs `body` in a transaction whose planner may read the table only as `reading` says:
    /// a sequential scan is never chosen, nor, through the index, a walk of the primary key,
    /// nor, along the ids, the GIN index (whose estimates for phrases and clustered hits mislead).
    private func read<T>(_ reading: Reading, _ body: () throws -> T) throws -> T {
        let barred = reading == .throughIndex ? "enable_indexscan" : "enable_bitmapscan"
        return try database.transaction {
            try database.execute("SELECT set_config('enable_seqscan', 'off', true), set_config(\(barred), 'off', true)")
            return try body()
        }
    }

    /// The rows the lexeme statistics count (0 before the index is first analysed).
    func statisticsRows() throws -> Double {
        try lexemeStatistics().rows
    }

    /// The lexeme statistics, read from the server the first time after each `analyze`.
    private func lexemeStatistics() throws -> PostgresLexemeStatistics {
        try statistics.current { try PostgresLexemeStatistics.read(database) }
    }

    /// Through the index when the hits are few (or the page lies deep among them), else along the ids.
    func reading(for query: SearchQuery, limit: Int, offset: Int) throws -> Reading {
        let hits = try lexemeStatistics().estimatedHits(query)
        return hits <= Self.fewHits || Double(offset + limit) * 20 > hits ? .throughIndex : .alongIds
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

    /// The server's plan for a search, as `segmentIDs` would read it, for the benchmark and
    /// for anyone tuning a server.
    public func plan(_ query: SearchQuery, limit: Int = 50) throws -> String {
        let tsquery = PostgresSearchTokens.query(query)
        return try read(try reading(for: query, limit: limit, offset: 0)) {
            try database.rows("""
                EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM segment_search WHERE tokens @@ \(tsquery)::tsquery ORDER BY id LIMIT \(max(0, limit))
                """).map { try $0.decode(String.self) }.joined(separator: "\n")
        }
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
        statistics.forget()
    }

    /// The lexeme statistics, read at the first search and again after each `analyze`.
    private final class KeptStatistics: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: PostgresLexemeStatistics?

        func current(_ read: () throws -> PostgresLexemeStatistics) throws -> PostgresLexemeStatistics {
            lock.lock()
            defer { lock.unlock() }
            if let kept { return kept }
            let statistics = try read()
            kept = statistics
            return statistics
        }

        func forget() {
            lock.lock(); kept = nil; lock.unlock()
        }
    }
}
