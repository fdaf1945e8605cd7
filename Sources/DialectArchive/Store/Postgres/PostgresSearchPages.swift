import PostgresNIO

/// What a search page needs from PostgreSQL beyond the ids in archive order: a page in place
/// order and the counts of every facet, over the hits `reader` may see with `filters`, as
/// SQLite's search counts and orders them.
extension PostgresSegmentIndex {
    /// Every hit joined with the catalogue, under the filters' and the reader's conditions.
    private func joinedHits(_ matching: PostgresSearchMatching) -> String {
        "FROM (SELECT id FROM segment_search WHERE tokens @@ $1::tsquery) ss " + (matching.joined ?? PostgresSearchMatching.catalogueJoins)
    }

    /// A page of hit ids by dialect classification and place, then recording and time. Text
    /// is compared by code point and nulls come first, as SQLite orders them.
    func placeOrderIDs(_ query: SearchQuery, filters: SearchFilters, reader: Reader, limit: Int, offset: Int) throws -> [Int64] {
        let matching = try PostgresSearchMatching(query, filters: filters, reader: reader, database)
        let text = { (column: String) in "\(column) COLLATE \"C\" NULLS FIRST" }
        let order = [text("l.dialect_group"), text("l.dialect_subgroup"), text("l.dialect_cluster"), text("l.id"),
                     "s.recording_id NULLS FIRST", "s.start_ms", "s.id"].joined(separator: ", ")
        let sql = "SELECT ss.id \(joinedHits(matching)) ORDER BY \(order) LIMIT \(max(0, limit)) OFFSET \(max(0, offset))"
        return try database.rows(PostgresQuery(unsafeSQL: sql, binds: matching.binds)).map { try $0.decode(Int64.self) }
    }

    /// The hits grouped by `SearchFacetCounts.columns`, each row ending with its count.
    func groupedCounts(_ query: SearchQuery, filters: SearchFilters, reader: Reader) throws -> [SQLRow] {
        let matching = try PostgresSearchMatching(query, filters: filters, reader: reader, database)
        let columns = SearchFacetCounts.columns(includeRestricted: reader.seesEverything)
        let sql = "SELECT \(columns), count(*) \(joinedHits(matching)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"
        return try database.rows(PostgresQuery(unsafeSQL: sql, binds: matching.binds)).map { row in
            SQLRow(columns: row.map(\.columnName), values: try row.map(PostgresStoreDatabase.value))
        }
    }
}
