import GRDB

extension Archive {
    /// Searches every transcript segment: Han characters one by one (traditional = simplified),
    /// Latin and IPA folded for case, diacritics and (unless the query has them) tones. What
    /// `reader` may not see is left out; an account's hits in withheld material are an audit event.
    ///
    /// ```swift
    /// var filters = SearchFilters()
    /// filters.dialect = "粤语"
    /// let result = try archive.search(try SearchQuery("月光"), filters: filters, limit: 20)
    /// for hit in result.hits { print(hit.locality?.name ?? "", hit.startMs, hit.highlighted) }
    /// ```
    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), order: SearchOrder = .archive,
                       limit: Int = 50, offset: Int = 0, counting: Bool = true, as reader: Reader) throws -> SearchResult {
        try search(query, filters: filters, order: order, limit: limit, offset: offset,
                   counts: counting ? .facets : .page, cache: nil, as: reader)
    }

    /// `search(…)` counting as much of the hits beyond the page as `counts` asks: nothing, the
    /// exact total, or the total and every facet. The page and its counts are taken from `cache`
    /// when the same question was asked, for the same kind of reader, since the archive last
    /// changed, and kept there otherwise.
    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), order: SearchOrder = .archive,
                       limit: Int = 50, offset: Int = 0, counts: SearchCounting, cache: SearchCache? = nil,
                       as reader: Reader) throws -> SearchResult {
        let found = try store.postgresSearch.map {
            try searchOnPostgres($0, query, filters: filters, order: order, limit: limit, offset: offset, counts: counts, cache: cache, as: reader)
        } ?? sqliteDatabase().read { db in
            let asking = try cache.map { $0.asking(SearchCache.Key(query, filters, reader), mark: try ChangeMark.current(db)) }
            // The match's conditions read the archive too: only when something is not kept.
            var built: SearchRecords.Matching?
            func matching() throws -> SearchRecords.Matching {
                if let built { return built }
                built = try SearchRecords.matching(query, filters, reader: reader, db)
                return built!
            }
            return try Self.result(query, order: order, limit: limit, offset: offset, counts: counts, asking: asking, as: reader, page: {
                let ids = try SearchRecords.pageIDs(matching(), order: order, limit: limit, offset: offset, db)
                return try SearchHitRecords.hits(ids: ids, highlighter: SearchHighlighter(query), reader: reader, SQLiteStoreDatabase(db))
            }, total: {
                try SearchRecords.total(query, filters, reader: reader, db)
            }, facets: {
                try SearchRecords.counts(matching(), includeRestricted: reader.seesEverything, db)
            })
        }
        try noteAccess(by: reader, recordings: found.hits.compactMap(\.recordingId), what: "search \(query.text)")
        return found
    }

    /// `search(…)` on an archive whose database is PostgreSQL: the page's ids from its index,
    /// then the hits and counts from the catalogue.
    private func searchOnPostgres(_ index: PostgresSegmentIndex, _ query: SearchQuery, filters: SearchFilters, order: SearchOrder,
                                  limit: Int, offset: Int, counts: SearchCounting, cache: SearchCache?, as reader: Reader) throws -> SearchResult {
        let asking = try cache.map { cache in cache.asking(SearchCache.Key(query, filters, reader), mark: try store.read { try ChangeMark.current($0) }) }
        return try Self.result(query, order: order, limit: limit, offset: offset, counts: counts, asking: asking, as: reader, page: {
            let ids = try index.segmentIDs(query, filters: filters, reader: reader, order: order, limit: limit, offset: offset)
            return try store.read { try SearchHitRecords.hits(ids: ids, highlighter: SearchHighlighter(query), reader: reader, $0) }
        }, total: {
            try index.count(query, filters: filters, reader: reader)
        }, facets: {
            let grouped = try index.groupedCounts(query, filters: filters, reader: reader)
            return try store.read { try SearchRecords.counts(grouped: grouped, $0) }
        })
    }

    /// A page of hits and as many counts as `counts` asks for, each taken from the cache when
    /// it keeps them (`asking`) and made by `page`, `total` or `facets` otherwise.
    private static func result(_ query: SearchQuery, order: SearchOrder, limit: Int, offset: Int, counts: SearchCounting,
                               asking: SearchCache.Asking?, as reader: Reader, page: () throws -> [SearchHit],
                               total: () throws -> Int, facets: () throws -> SearchCache.Counts) throws -> SearchResult {
        let hits = try asking?.page(order: order, limit: limit, offset: offset, otherwise: page) ?? page()
        var result = SearchResult(query: query.text, total: hits.count + max(0, offset), offset: offset, hits: hits,
                                  byLocality: [], byDialectGroup: [], facets: [],
                                  includesRestricted: reader.seesEverything || !reader.grantedCollections.isEmpty)
        switch counts {
        case .page:
            break
        case .total:
            result.total = try asking?.total(otherwise: total) ?? total()
        case .facets:
            let counted = try asking?.counts(otherwise: facets) ?? facets()
            (result.total, result.byLocality, result.byDialectGroup, result.facets) =
                (counted.total, counted.byLocality, counted.byDialectGroup, counted.facets)
        }
        return result
    }

    /// Counts every hit of a search without fetching them.
    public func countHits(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), includeRestricted: Bool = false) throws -> Int {
        try countHits(query, filters: filters, as: .owner(includeRestricted: includeRestricted))
    }

    /// Counts the hits of a search that `reader` may see, without fetching them.
    public func countHits(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), as reader: Reader) throws -> Int {
        if let index = store.postgresSearch { return try index.count(query, filters: filters, reader: reader) }
        return try sqliteDatabase().read { db in try SearchRecords.total(query, filters, reader: reader, db) }
    }

    /// The ids of a search's hits in `order`, without building the hits: for paging through
    /// many hits and for callers that read what they need themselves.
    public func searchSegmentIDs(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), order: SearchOrder = .archive,
                                 limit: Int = 50, offset: Int = 0, includeRestricted: Bool = false) throws -> [Int64] {
        try searchSegmentIDs(query, filters: filters, order: order, limit: limit, offset: offset, as: .owner(includeRestricted: includeRestricted))
    }

    /// The ids of the hits `reader` may see, in `order`.
    public func searchSegmentIDs(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), order: SearchOrder = .archive,
                                 limit: Int = 50, offset: Int = 0, as reader: Reader) throws -> [Int64] {
        if let index = store.postgresSearch {
            return try index.segmentIDs(query, filters: filters, reader: reader, order: order, limit: limit, offset: offset)
        }
        return try sqliteDatabase().read { db in try SearchRecords.segmentIDs(query, filters, reader: reader, order: order, limit: limit, offset: offset, db) }
    }
}
