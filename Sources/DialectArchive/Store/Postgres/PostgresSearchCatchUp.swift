import Foundation
import PostgresNIO

/// Brings PostgreSQL's search index up to the segments changed in the current transaction:
/// the ids its triggers queued (migration v8) are tokenized by the archive's own tokenizer and
/// written, or taken out of the index when the segment is gone or has no facets. Run by every
/// write before it commits, so the index never lags the catalogue.
enum PostgresSearchCatchUp {
    /// Segments read and written per statement.
    static let batchSize = 5_000

    /// Indexes the queued segments; returns how many ids were queued.
    @discardableResult
    static func run(_ database: PostgresDatabase) throws -> Int {
        let queued = try database.rows("DELETE FROM segment_search_pending RETURNING id").map { try $0.decode(Int64.self) }.sorted()
        var start = 0
        while start < queued.count {
            let ids = Array(queued[start..<min(queued.count, start + batchSize)])
            start += batchSize
            try database.execute("DELETE FROM segment_search WHERE id = ANY(\(ids)::bigint[])")
            let rows = try database.rows("SELECT id, text, facets FROM segment WHERE id = ANY(\(ids)::bigint[]) AND facets IS NOT NULL ORDER BY id")
                .map { row in try row.decode((Int64, String, String?).self) }
            guard !rows.isEmpty else { continue }
            try makeParts(holding: rows.map(\.0), database)
            let vectors = rows.map { PostgresSearchTokens.vector(text: $0.1, facets: $0.2) }
            try database.execute("""
                INSERT INTO segment_search (id, tokens) SELECT * FROM unnest(\(rows.map(\.0))::bigint[], \(vectors)::text[]::tsvector[])
                """)
        }
        return queued.count
    }

    /// Makes the parts of the index these ids belong in, where missing, under the schema's
    /// lock (held to the end of the transaction) so that two writers do not both make one.
    private static func makeParts(holding ids: [Int64], _ database: PostgresDatabase) throws {
        let firsts = Array(Set(ids.map { $0 - $0 % PostgresSchema.idsPerPart })).sorted()
        let names = firsts.map { "segment_search_\($0 / PostgresSchema.idsPerPart)" }
        let missing = try database.rows("SELECT count(*) FROM unnest(\(names)::text[]) name WHERE to_regclass(name) IS NULL")
        guard try missing[0].decode(Int64.self) > 0 else { return }
        try database.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))")
        for first in firsts { try database.execute(PostgresQuery(unsafeSQL: PostgresSchema.segmentSearchPart(holding: first))) }
    }
}
