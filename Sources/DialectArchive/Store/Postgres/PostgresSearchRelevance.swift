import Foundation
import PostgresNIO

/// Relevance order on PostgreSQL, the same as SQLite's `ORDER BY bm25(segment_fts), rowid`:
/// PostgreSQL has no BM25 (`ts_rank` is another formula), so the archive computes FTS5's
/// (`BM25`) from what FTS5 keeps and the index keeps too (migration v10): each segment's size
/// in tokens, the count of segments and the sum of their sizes. The hits come from the GIN
/// index with their sizes and the positions of the query's lexemes only; each phrase's count
/// of rows over the whole index is asked once and kept until the index changes.
extension PostgresSegmentIndex {
    /// A page of hit ids, best first, of the hits `reader` may see with `filters`.
    func relevanceOrderIDs(_ query: SearchQuery, filters: SearchFilters, reader: Reader, limit: Int, offset: Int) throws -> [Int64] {
        try relevanceScores(query, filters: filters, reader: reader).dropFirst(max(0, offset)).prefix(max(0, limit)).map(\.id)
    }

    /// Every hit `reader` may see with `filters` and its score (`BM25`), best first, then by id.
    func relevanceScores(_ query: SearchQuery, filters: SearchFilters, reader: Reader) throws -> [(id: Int64, score: Double)] {
        let matching = try PostgresSearchMatching(query, filters: filters, reader: reader, database)
        let phrases = BM25.phrases(query, facets: matching.facets)
        let lexicon = BM25.Lexicon(phrases)
        return try database.transaction {
            try database.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            // Compiling the statement that reads the hits (JIT) would take longer than running it.
            let totals = try database.rows("SELECT segments, tokens, changes, set_config('jit', 'off', true) FROM segment_search_totals")
            guard let (segments, tokens, changes, _) = try totals.first?.decode((Int64, Int64, Int64, String).self), segments > 0 else { return [] }
            let hits = try relevanceHits(lexicon, matching)
            guard !hits.ids.isEmpty else { return [] }
            // Without filters, a search of one phrase finds every row that has it.
            let alone = phrases.count == 1 && query.excluded.isEmpty && matching.joined == nil && matching.facets.isEmpty
            let counts = try phraseHits.counts(of: phrases.map(\.tsquery), at: changes, known: alone ? [phrases[0].tsquery: Int64(hits.ids.count)] : [:]) {
                try count(tsqueries: $0)
            }
            let bm25 = BM25(rows: segments, tokens: tokens, phraseHits: phrases.map { counts[$0.tsquery]! })
            var scores: [(id: Int64, score: Double)] = []
            scores.reserveCapacity(hits.ids.count)
            var frequencies = Array(repeating: 0, count: phrases.count)
            let rows = PostgresSearchTokens.readVectors(hits.vectors, asking: lexicon) { positions in
                guard scores.count < hits.ids.count else { return }
                lexicon.occurrences(&positions, into: &frequencies)
                scores.append((hits.ids[scores.count], bm25.score(frequencies: frequencies, size: Int(hits.sizes[scores.count]))))
            }
            guard rows == hits.ids.count, hits.sizes.count == rows else {
                throw ArchiveError.storage(path: database.address.description,
                                           reason: "ordering hits by relevance: \(rows) rows of positions came for \(hits.ids.count) hits")
            }
            return scores.sorted { $0.score != $1.score ? $0.score < $1.score : $0.id < $1.id }
        }
    }

    /// The hits, each with its size and the positions of the lexemes `lexicon` asks for: only
    /// those when none is a prefix (`setweight` marks them, `ts_filter` keeps the marked), else
    /// all. In three aggregates, so that the server sends one row, not one per hit; an
    /// aggregate reads its rows in the same order as the others of its statement.
    private func relevanceHits(_ lexicon: BM25.Lexicon, _ matching: PostgresSearchMatching) throws -> (ids: [Int64], sizes: [Int32], vectors: [UInt8]) {
        var binds = matching.binds
        let lexemes: String
        if lexicon.hasPrefix {
            lexemes = "ss.tokens::text"
        } else {
            binds.append(lexicon.asked.map { String(decoding: $0.bytes, as: UTF8.self) })
            lexemes = "ts_filter(setweight(ss.tokens, 'A', $\(binds.count)::text[]), '{a}')::text"
        }
        let sql = "SELECT array_agg(ss.id), array_agg(ss.size), string_agg(\(lexemes), E'\\n') "
            + "FROM (SELECT id, size, tokens FROM segment_search WHERE tokens @@ $1::tsquery) ss " + (matching.joined ?? "")
        let row = try database.rows(PostgresQuery(unsafeSQL: sql, binds: binds))[0]
        let (ids, sizes, vectors) = try row.decode(([Int64]?, [Int32]?, ByteBuffer?).self)
        return (ids ?? [], sizes ?? [], vectors.map { Array($0.readableBytesView) } ?? [])
    }

    /// How many rows of the whole index match each `tsquery`, in one statement.
    private func count(tsqueries: [String]) throws -> [Int64] {
        guard !tsqueries.isEmpty else { return [] }
        var binds = PostgresBindings()
        for tsquery in tsqueries { binds.append(tsquery) }
        let counts = tsqueries.indices.map { "(SELECT count(*) FROM segment_search WHERE tokens @@ $\($0 + 1)::tsquery)" }
        return try database.rows(PostgresQuery(unsafeSQL: "SELECT " + counts.joined(separator: ", "), binds: binds))[0].map { try $0.decode(Int64.self) }
    }

    /// Counts of the rows that have a phrase, by its `tsquery`, kept while the index's count
    /// of changes (`segment_search_totals.changes`) stays the same.
    final class PhraseHitCounts: @unchecked Sendable {
        private let lock = NSLock()
        private var changes: Int64 = -1
        private var kept: [String: Int64] = [:]
        /// Beyond this many, the kept counts are forgotten and kept again as asked.
        static let most = 10_000

        /// The count of each of `tsqueries` at `changes`: kept, given in `known`, or made by
        /// `count` (for those missing, in their order).
        func counts(of tsqueries: [String], at changes: Int64, known: [String: Int64],
                    count: ([String]) throws -> [Int64]) throws -> [String: Int64] {
            var counts = known
            lock.lock()
            if self.changes != changes || kept.count > Self.most { (self.changes, kept) = (changes, [:]) }
            for tsquery in tsqueries where counts[tsquery] == nil { counts[tsquery] = kept[tsquery] }
            lock.unlock()
            let missing = Array(Set(tsqueries.filter { counts[$0] == nil })).sorted()
            for (tsquery, hits) in zip(missing, try count(missing)) { counts[tsquery] = hits }
            lock.lock()
            if self.changes == changes { kept.merge(counts) { $1 } }
            lock.unlock()
            return counts
        }
    }
}
