import GRDB

/// The queries behind `search`, `countHits` and `searchSegmentIDs`: the FTS5 match with the
/// filters' and the reader's conditions, the page of hits with their parallel tiers, the exact
/// total, and the facet counts.
enum SearchRecords {
    /// The FROM and WHERE clauses of a search, with their arguments.
    struct Matching {
        var from: String
        var arguments: StatementArguments
    }

    /// The ids of a page of hits in `order`.
    static func pageIDs(_ matching: Matching, order: SearchOrder, limit: Int, offset: Int, _ db: Database) throws -> [Int64] {
        let orderBy: String
        switch order {
        case .archive: orderBy = "segment_fts.rowid"
        case .relevance: orderBy = "bm25(segment_fts), segment_fts.rowid"
        case .place: orderBy = "l.dialect_group, l.dialect_subgroup, l.dialect_cluster, l.id, s.recording_id, s.start_ms, s.id"
        }
        return try Int64.fetchAll(db.cachedStatement(sql: "SELECT segment_fts.rowid \(matching.from) ORDER BY \(orderBy) LIMIT ? OFFSET ?"),
                                  arguments: matching.arguments + [max(0, limit), max(0, offset)])
    }

    /// How many hits `reader` may see, without fetching them (and without the joins when no
    /// condition needs them).
    static func total(_ query: SearchQuery, _ filters: SearchFilters, reader: Reader, _ db: Database) throws -> Int {
        let bare = try matching(query, filters, reader: reader, joins: false, db)
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) \(bare.from)"), arguments: bare.arguments) ?? 0
    }

    /// The ids of the hits in `order`, with the catalogue joined only when the conditions or
    /// the order need it.
    static func segmentIDs(_ query: SearchQuery, _ filters: SearchFilters, reader: Reader, order: SearchOrder, limit: Int, offset: Int,
                           _ db: Database) throws -> [Int64] {
        try pageIDs(matching(query, filters, reader: reader, joins: order == .place, db), order: order, limit: limit, offset: offset, db)
    }

    /// The total, the counts per locality and per dialect group and the facets, in one
    /// pass over the hits (grouped by their facet values; localities are then looked up once each).
    static func counts(_ matching: Matching, includeRestricted: Bool, _ db: Database) throws -> SearchCache.Counts {
        let columns = SearchFacetCounts.columns(includeRestricted: includeRestricted)
        let statement = try db.cachedStatement(sql: "SELECT \(columns), count(*) \(matching.from) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8")
        return try counts(grouped: SQLiteStoreDatabase.rows(statement, arguments: matching.arguments), SQLiteStoreDatabase(db))
    }

    /// The counts of hits grouped by `SearchFacetCounts.columns`, each row ending with its count.
    static func counts(grouped rows: [SQLRow], _ db: StoreDatabase) throws -> SearchCache.Counts {
        var localities: [String: (name: String, group: String?, subgroup: String?, cluster: String?)] = [:]
        for row in try db.rows("SELECT id, name, dialect_group, dialect_subgroup, dialect_cluster FROM locality") {
            localities[row[0]] = (row[1], row[2], row[3], row[4])
        }
        var perLocality: [String?: Int] = [:]
        for row in rows { perLocality[row[0] as String?, default: 0] += row[8] as Int }
        func sorted(_ counts: [SearchResult.Count]) -> [SearchResult.Count] {
            counts.sorted { $0.hits != $1.hits ? $0.hits > $1.hits : $0.label.utf8.lexicographicallyPrecedes($1.label.utf8) }
        }
        let byLocality = sorted(perLocality.map { id, hits in
            let label = id.flatMap { id in localities[id].map { "\($0.name) (\(id))" } } ?? "(no locality)"
            return SearchResult.Count(label: label, hits: hits)
        })
        var perGroup: [String: Int] = [:]
        for (id, hits) in perLocality {
            perGroup[id.flatMap { localities[$0]?.group } ?? "(unclassified)", default: 0] += hits
        }
        return SearchCache.Counts(total: perLocality.values.reduce(0, +), byLocality: byLocality,
                                       byDialectGroup: sorted(perGroup.map { SearchResult.Count(label: $0.key, hits: $0.value) }),
                                       facets: SearchFacetCounts.facets(rows, localities: localities))
    }

    /// The FROM and WHERE clauses of a search and their arguments. The MATCH carries the text
    /// query and the filters' facets; the joins are left out for a count when nothing needs them.
    static func matching(_ query: SearchQuery, _ filters: SearchFilters, reader: Reader, joins: Bool = true,
                         _ db: Database) throws -> Matching {
        // Only a reader who sees everything may find a restricted speaker by sex or birth year.
        let filtering = try filters.conditions(db, includeRestricted: reader.seesEverything)
        let withheld = try Row.fetchOne(db.cachedStatement(sql: SearchReaderConditions.whatIsWithheld))
        let conditions = filtering.conditions + SearchReaderConditions.conditions(for: reader, restricted: withheld?[0] ?? true,
                                                                                  withdrawn: withheld?[1] ?? true)
        var arguments: StatementArguments = [filtering.ftsFacets.map { "(" + query.ftsExpression + ") AND " + $0 } ?? query.ftsExpression]
        arguments += filtering.statementArguments
        let tables = joins || !conditions.isEmpty ? """
            JOIN segment s ON s.id = segment_fts.rowid
            JOIN transcript t ON t.id = s.transcript_id
            JOIN session se ON se.id = t.session_id
            LEFT JOIN recording r ON r.id = s.recording_id
            LEFT JOIN locality l ON l.id = se.locality_id
            LEFT JOIN speaker sp ON sp.id = s.speaker_id
            """ : ""
        return Matching(from: "FROM segment_fts \(tables) WHERE " + (["segment_fts MATCH ?"] + conditions).joined(separator: " AND "),
                        arguments: arguments)
    }
}
