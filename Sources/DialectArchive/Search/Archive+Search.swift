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
                   counts: counting ? .facets(cache: nil) : .page, as: reader)
    }

    /// `search(…)` counting as much of the hits beyond the page as `counts` asks: nothing, the
    /// exact total, or the total and every facet (from `cache` when it holds them).
    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), order: SearchOrder = .archive,
                       limit: Int = 50, offset: Int = 0, counts: SearchCounting, as reader: Reader) throws -> SearchResult {
        let found = try database.read { db in
            let matching = try SearchRecords.matching(query, filters, reader: reader, db)
            let hits = try SearchRecords.hits(matching, order: order, highlighter: SearchHighlighter(query), reader: reader,
                                              limit: limit, offset: offset, db)
            var result = SearchResult(query: query.text, total: hits.count + max(0, offset), offset: offset, hits: hits,
                                      byLocality: [], byDialectGroup: [], facets: [],
                                      includesRestricted: reader.seesEverything || !reader.grantedCollections.isEmpty)
            switch counts {
            case .page:
                break
            case .total(let cache):
                let key = SearchCountCache.Key(query, filters, reader)
                // Read in this transaction, so the total kept matches the mark it is kept under.
                let mark = try cache.map { _ in try ChangeMark.current(db) } ?? ""
                if let kept = cache?.total(for: key, mark: mark) {
                    result.total = kept
                } else {
                    result.total = try SearchRecords.total(query, filters, reader: reader, db)
                    cache?.storeTotal(result.total, for: key, mark: mark)
                }
            case .facets(let cache):
                let key = SearchCountCache.Key(query, filters, reader)
                let mark = try cache.map { _ in try ChangeMark.current(db) } ?? ""
                let counted: SearchCountCache.Counts
                if let kept = cache?.counts(for: key, mark: mark) {
                    counted = kept
                } else {
                    counted = try SearchRecords.counts(matching, includeRestricted: reader.seesEverything, db)
                    cache?.store(counted, for: key, mark: mark)
                }
                (result.total, result.byLocality, result.byDialectGroup, result.facets) =
                    (counted.total, counted.byLocality, counted.byDialectGroup, counted.facets)
            }
            return result
        }
        try noteAccess(by: reader, recordings: found.hits.compactMap(\.recordingId), what: "search \(query.text)")
        return found
    }

    /// Counts every hit of a search without fetching them.
    public func countHits(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), includeRestricted: Bool = false) throws -> Int {
        try countHits(query, filters: filters, as: .owner(includeRestricted: includeRestricted))
    }

    /// Counts the hits of a search that `reader` may see, without fetching them.
    public func countHits(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), as reader: Reader) throws -> Int {
        try database.read { db in try SearchRecords.total(query, filters, reader: reader, db) }
    }

    /// The ids of a search's hits in archive order, without building the hits: for paging
    /// through many hits and for callers that read what they need themselves.
    public func searchSegmentIDs(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 50, offset: Int = 0,
                                 includeRestricted: Bool = false) throws -> [Int64] {
        try database.read { db in
            try SearchRecords.segmentIDs(query, filters, reader: .owner(includeRestricted: includeRestricted), limit: limit, offset: offset, db)
        }
    }
}
