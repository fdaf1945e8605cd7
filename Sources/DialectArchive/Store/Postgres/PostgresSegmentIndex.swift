import Foundation
import PostgresNIO

/// The archive's segment search index in a PostgreSQL database: a `tsvector` per segment,
/// written from the archive's own tokens (`PostgresSearchTokens`), under a GIN index, in parts
/// of consecutive ids (`PostgresSchema.idsPerPart`). It finds the same segments, in the same
/// order, as the SQLite index of the same archive.
///
/// ```swift
/// let index = try PostgresSegmentIndex.open("postgres://archive@/dialects?host=/run/postgresql")
/// try index.load(from: archive)
/// let ids = try index.segmentIDs(try SearchQuery("太阳"), limit: 50)
/// ```
public final class PostgresSegmentIndex: Sendable {
    let database: PostgresDatabase
    private let statistics = KeptStatistics()
    let phraseHits = PhraseHitCounts()
    /// Segments sent to the server per statement while loading.
    static let batchSize = 5_000
    typealias Reading = PostgresSearchReading

    init(database: PostgresDatabase) {
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
        let source = try archive.sqliteDatabase()
        let rebuildIndex = try indexedCount() == 0
        if rebuildIndex { try database.execute("DROP INDEX IF EXISTS segment_search_tokens") }
        var last: Int64 = 0, loaded = 0
        while true {
            let batch = try source.read { db in try SegmentSearchRow.batch(after: last, limit: Self.batchSize, db) }
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
        try database.transaction {
            try makeParts(holding: rows.map(\.id))
            try record(try write(rows))
        }
    }

    /// Writes the index entries of these segments, replacing any they had, into parts that
    /// exist; returns what that changes in the totals, for the caller to `record` once the
    /// rest of its transaction's writes are made.
    func write(_ rows: [SegmentSearchRow]) throws -> TotalsChange {
        let ids = rows.map(\.id)
        let entries = rows.map { PostgresSearchTokens.entry(text: $0.text, facets: $0.facets) }
        let sizes = entries.map(\.size)
        let replaced = try database.rows("""
            WITH replaced AS (SELECT count(*) AS segments, coalesce(sum(size), 0)::bigint AS tokens FROM segment_search WHERE id = ANY(\(ids)::bigint[])),
            written AS (
                INSERT INTO segment_search (id, tokens, size)
                SELECT * FROM unnest(\(ids)::bigint[], \(entries.map(\.vector))::text[]::tsvector[], \(sizes)::integer[])
                ON CONFLICT (id) DO UPDATE SET tokens = excluded.tokens, size = excluded.size
            )
            SELECT segments, tokens FROM replaced
            """)[0].decode((Int64, Int64).self)
        return TotalsChange(segments: Int64(rows.count) - replaced.0, tokens: Int64(sizes.reduce(0, +)) - replaced.1)
    }

    /// Segments and tokens added to the index's totals (taken away, when negative).
    struct TotalsChange {
        var segments: Int64 = 0
        var tokens: Int64 = 0

        static func += (total: inout TotalsChange, change: TotalsChange) {
            total.segments += change.segments
            total.tokens += change.tokens
        }
    }

    /// Adds `change` to the totals relevance order reads (`segment_search_totals`) and counts
    /// one more change of the index. Made last in a transaction: the row is locked from then
    /// to the commit, so writers wait on each other only that long, and none waits for another
    /// lock while it holds the row.
    func record(_ change: TotalsChange) throws {
        try database.execute("""
            UPDATE segment_search_totals SET segments = segments + \(change.segments), tokens = tokens + \(change.tokens), changes = changes + 1
            """)
    }

    /// Makes the parts of the index that these ids belong in, where missing, inside the
    /// caller's transaction; under the migration lock, held to its end, so that two processes
    /// writing at once do not both make one. A new part is read by the next search.
    func makeParts(holding ids: [Int64]) throws {
        let firsts = Array(Set(ids.map { $0 - $0 % PostgresSchema.idsPerPart }))
        let names = firsts.map { "segment_search_\($0 / PostgresSchema.idsPerPart)" }
        let missing = try database.rows("SELECT count(*) FROM unnest(\(names)::text[]) name WHERE to_regclass(name) IS NULL")
        guard try missing[0].decode(Int64.self) > 0 else { return }
        defer { statistics.forget() }
        try database.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))")
        for first in firsts.sorted() {
            try database.execute(PostgresQuery(unsafeSQL: PostgresSchema.segmentSearchPart(holding: first)))
        }
    }

    /// The ids of the segments that match, in id order (the archive order of SQLite's index).
    public func segmentIDs(_ query: SearchQuery, limit: Int = 50, offset: Int = 0) throws -> [Int64] {
        try segmentIDs(query, limit: limit, offset: offset, reading: try reading(for: query, limit: limit, offset: offset))
    }

    /// The ids of the segments that match with `filters`, of those `reader` may see, in
    /// `order` (id order is the archive order): the same as SQLite's search of the same
    /// archive, once the catalogue is in this database (`migrate-database`). Without filters,
    /// for a reader who sees everything, the catalogue is not read (except for place order).
    public func segmentIDs(_ query: SearchQuery, filters: SearchFilters, reader: Reader = .owner(includeRestricted: true),
                           order: SearchOrder = .archive, limit: Int = 50, offset: Int = 0) throws -> [Int64] {
        switch order {
        case .archive: return try archiveOrderIDs(query, filters: filters, reader: reader, limit: limit, offset: offset)
        case .place: return try placeOrderIDs(query, filters: filters, reader: reader, limit: limit, offset: offset)
        case .relevance: return try relevanceOrderIDs(query, filters: filters, reader: reader, limit: limit, offset: offset)
        }
    }

    /// A page of hit ids in id order.
    private func archiveOrderIDs(_ query: SearchQuery, filters: SearchFilters, reader: Reader, limit: Int, offset: Int) throws -> [Int64] {
        let matching = try PostgresSearchMatching(query, filters: filters, reader: reader, database)
        // Filters without facets make hits fewer than the estimate, by an unknown share, so
        // those searches read through the index; the rest choose by the estimate with the
        // facets. What a reader may not see is taken to be a small share of the archive: the
        // walk along the ids is at most `Reading.longestWalk` long whatever it finds.
        let reading = matching.facetsDecide ? try reading(for: query, facets: matching.askedFacets, limit: limit, offset: offset) : .throughIndex
        return try segmentIDs(query, limit: limit, offset: offset, reading: reading, matching)
    }

    /// The same, read as `reading` says (both readings give the same ids).
    func segmentIDs(_ query: SearchQuery, limit: Int, offset: Int, reading: Reading, _ matching: PostgresSearchMatching? = nil) throws -> [Int64] {
        let matching = matching ?? PostgresSearchMatching(query)
        let wanted = max(0, offset) + max(0, limit)
        let kept = try kept()
        // A filtered search's hits are fewer, so it asks more parts in each branch: each
        // branch joins the catalogue, which takes the planner some 2 ms.
        let hits = kept.lexemes.estimatedHits(query, facets: matching.askedFacets)
        let partsAtOnce = Reading.partsAtOnce(hits: hits, rows: kept.lexemes.rows, wanted: wanted)
        return try database.transaction {
            var ids: [Int64] = []
            var start: Int64 = 0
            if case .alongIds(let end) = reading {
                try hold(walking: true)
                ids = try database.rows(PostgresQuery(unsafeSQL: Reading.walk(until: end, limit: wanted, matching), binds: matching.binds))
                    .map { try $0.decode(Int64.self) }
                start = end
            }
            if ids.count < wanted {
                let branches = Reading.branches(from: start, lastPart: try lastPartThenHold(), partsAtOnce: partsAtOnce)
                for asked in Reading.statements(branches) where ids.count < wanted {
                    let rest = Reading.partByPart(asked, limit: wanted - ids.count, matching)
                    ids += try database.rows(PostgresQuery(unsafeSQL: rest, binds: matching.binds)).map { try $0.decode(Int64.self) }
                }
            }
            return Array(ids.dropFirst(max(0, offset)))
        }
    }

    /// Holds the planner, for the rest of the transaction, to a walk of the primary key
    /// (`walking`) or to the GIN index: a sequential scan is never chosen, nor, through the
    /// index, a walk of the primary key, nor, along the ids, the GIN index (whose estimates
    /// for phrases and clustered hits mislead). No parallel workers, so that the branches of
    /// `Reading.partByPart` run in turn. A search's plan is cheap to run but can be costed
    /// high, and compiling it (JIT) took longer than the search (111 ms of 600 at 10 M segments).
    private func hold(walking: Bool) throws {
        try database.execute(PostgresQuery(unsafeSQL: "SELECT " + Self.holding(walking: walking)))
    }

    /// Looks up the index's last part (read by every search that goes part by part: another
    /// process, a second web server or an ingest on another machine, may have made a new part
    /// since the last one), then holds the planner to the GIN index (`hold`), in one round
    /// trip. The statement is planned before its settings take effect, so the lookup is the
    /// backward walk of the primary key that finds the last id at once; planned under the hold,
    /// it would read every id of the index.
    private func lastPartThenHold() throws -> Int64 {
        let sql = "SELECT (SELECT coalesce(max(id), 0) FROM segment_search), " + Self.holding(walking: false)
        let row = try database.rows(PostgresQuery(unsafeSQL: sql))[0].decode((Int64, String, String, String, String, String).self)
        return row.0 / PostgresSchema.idsPerPart
    }

    /// The settings of `hold`, as the columns of a `SELECT`.
    private static func holding(walking: Bool) -> String {
        """
        set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), \
        set_config('enable_indexscan', '\(walking ? "on" : "off")', true), set_config('enable_bitmapscan', '\(walking ? "off" : "on")', true)
        """
    }

    /// The rows the lexeme statistics count (0 before the index is first analysed).
    func statisticsRows() throws -> Double {
        try kept().lexemes.rows
    }

    /// The lexeme statistics, read from the server the first time after each `analyze` or new part.
    private func kept() throws -> Kept {
        try statistics.current { Kept(lexemes: try PostgresLexemeStatistics.read(database)) }
    }

    /// How a search for `query` reads, from the estimate of its hits (`Reading.choose`).
    func reading(for query: SearchQuery, facets: [[(SearchFacets.Facet, String)]] = [], limit: Int, offset: Int) throws -> Reading {
        let lexemes = try kept().lexemes
        return Reading.choose(hits: lexemes.estimatedHits(query, facets: facets), rows: lexemes.rows, wanted: max(0, offset) + max(0, limit))
    }

    /// How many segments match (with `filters`, of those `reader` may see).
    public func count(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), reader: Reader = .owner(includeRestricted: true)) throws -> Int {
        let m = try PostgresSearchMatching(query, filters: filters, reader: reader, database)
        let rows = try database.rows(PostgresQuery(unsafeSQL: m.count, binds: m.binds))
        return Int(try rows[0].decode(Int64.self))
    }

    /// The server's own size of the index table and its indexes, in bytes.
    public func sizeInBytes() throws -> Int64 {
        try database.rows("SELECT sum(pg_total_relation_size(relid))::bigint FROM pg_partition_tree('segment_search')")[0].decode(Int64.self)
    }

    /// The server's plan for a search, as `segmentIDs` would read it, for the benchmark and
    /// for anyone tuning a server.
    public func plan(_ query: SearchQuery, limit: Int = 50) throws -> String {
        let reading = try reading(for: query, limit: limit, offset: 0)
        let kept = try kept()
        let partsAtOnce = Reading.partsAtOnce(hits: kept.lexemes.estimatedHits(query), rows: kept.lexemes.rows, wanted: max(0, limit))
        var binds = PostgresBindings()
        binds.append(PostgresSearchTokens.query(query))
        func explain(_ sql: String) throws -> [String] {
            try database.rows(PostgresQuery(unsafeSQL: "EXPLAIN (ANALYZE, BUFFERS) " + sql, binds: binds)).map { try $0.decode(String.self) }
        }
        return try database.transaction {
            var start: Int64 = 0
            var plans = ["read \(reading)"]
            if case .alongIds(let end) = reading {
                try hold(walking: true)
                plans += try explain(Reading.walk(until: end, limit: max(0, limit)))
                plans.append("then, unless the page is full:")
                start = end
            }
            let branches = Reading.branches(from: start, lastPart: try lastPartThenHold(), partsAtOnce: partsAtOnce)
            for (n, asked) in Reading.statements(branches).enumerated() {
                if n > 0 { plans.append("then, unless the page is full:") }
                plans += try explain(Reading.partByPart(asked, limit: max(0, limit)))
            }
            return plans.joined(separator: "\n")
        }
    }

    /// How many segments are indexed.
    public func indexedCount() throws -> Int {
        Int(try database.rows("SELECT count(*) FROM segment_search")[0].decode(Int64.self))
    }

    /// Empties the index (before a full reload).
    public func removeAll() throws {
        try database.transaction {
            try database.execute("TRUNCATE segment_search")
            try database.execute("UPDATE segment_search_totals SET segments = 0, tokens = 0, changes = changes + 1")
        }
    }

    /// After a bulk load: moves the GIN index's pending entries into the index proper (every
    /// search would otherwise read them one by one) and updates the planner's statistics.
    public func analyze() throws {
        try database.execute("VACUUM ANALYZE segment_search")
        statistics.forget()
    }

    /// What a search needs to know of the whole index before it runs.
    private struct Kept {
        var lexemes: PostgresLexemeStatistics
    }

    /// The kept figures, read at the first search and again after each `analyze` or new part.
    private final class KeptStatistics: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: Kept?

        func current(_ read: () throws -> Kept) throws -> Kept {
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
