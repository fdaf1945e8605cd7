import GRDB

/// The segments as the search index sees them (id, text and facet tokens), read in id order
/// one batch at a time: what another index (PostgreSQL's) is built from.
struct SegmentSearchRow: Equatable, Sendable {
    var id: Int64
    var text: String
    var facets: String?

    /// Up to `limit` indexed segments with ids above `after`, in id order. Only segments with
    /// facets are in SQLite's index (see `SearchFacets`), so only those are read.
    static func batch(after: Int64, limit: Int, _ db: Database) throws -> [SegmentSearchRow] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, text, facets FROM segment WHERE id > ? AND facets IS NOT NULL ORDER BY id LIMIT ?
            """), arguments: [after, limit]).map { SegmentSearchRow(id: $0[0], text: $0[1], facets: $0[2]) }
    }
}
