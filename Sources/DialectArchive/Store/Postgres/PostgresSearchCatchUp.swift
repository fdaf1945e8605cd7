import Foundation
import PostgresNIO

/// Brings PostgreSQL's search index up to the segments changed in the current transaction:
/// the ids its triggers queued (migration v8) are tokenized by the archive's own tokenizer and
/// written, or taken out of the index when the segment is gone or has no facets; the totals
/// relevance order reads are changed once, last. Run by every write before it commits, so the
/// index never lags the catalogue.
extension PostgresSegmentIndex {
    /// Segments read and written per statement.
    static let catchUpBatch = 5_000

    /// Indexes the queued segments; returns how many ids were queued.
    @discardableResult
    func catchUp() throws -> Int {
        let queued = try database.rows("DELETE FROM segment_search_pending RETURNING id").map { try $0.decode(Int64.self) }.sorted()
        guard !queued.isEmpty else { return 0 }
        // The parts first, before this transaction touches the index: a writer that made a part
        // waits, under the migration lock, for every transaction that holds the index, so none
        // may hold it while it waits for that lock.
        try makeParts(holding: queued)
        var change = TotalsChange()
        var start = 0
        while start < queued.count {
            let ids = Array(queued[start..<min(queued.count, start + Self.catchUpBatch)])
            start += Self.catchUpBatch
            let removed = try database.rows("DELETE FROM segment_search WHERE id = ANY(\(ids)::bigint[]) RETURNING size").map { try $0.decode(Int.self) }
            change += TotalsChange(segments: -Int64(removed.count), tokens: -Int64(removed.reduce(0, +)))
            let rows = try database.rows("SELECT id, text, facets FROM segment WHERE id = ANY(\(ids)::bigint[]) AND facets IS NOT NULL ORDER BY id")
                .map { row in
                    let (id, text, facets) = try row.decode((Int64, String, String?).self)
                    return SegmentSearchRow(id: id, text: text, facets: facets)
                }
            guard !rows.isEmpty else { continue }
            change += try write(rows)
        }
        try record(change)
        return queued.count
    }
}
