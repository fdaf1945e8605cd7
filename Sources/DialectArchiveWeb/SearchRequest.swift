import DialectArchive

/// A search as the web asks it: the CLI's query language, filters, order and page, read from
/// the same parameter names as the CLI's options.
struct SearchRequest {
    static let filterNames = ["locality", "dialect", "speaker", "role", "sex", "born", "recorded", "content", "tier", "collection"]

    var text: String
    var query: SearchQuery
    var filters: SearchFilters
    var order: SearchOrder
    var limit: Int
    var offset: Int
    /// False for the page and its exact total only, without the counts per locality, dialect
    /// group and facet (which cost a pass over every hit).
    var facets: Bool
    /// The filters as given (`locality=gz`), which peers of a network search are not asked.
    var filtersGiven: [String]

    init(_ form: FormQuery) throws {
        text = form["q"] ?? ""
        query = try SearchQuery(text)
        var filters = SearchFilters()
        filters.locality = form["locality"]
        filters.dialect = form["dialect"]
        filters.speaker = form["speaker"]
        filters.role = form["role"]
        filters.sex = form["sex"]
        filters.born = try form["born"].map(SearchFilters.years)
        filters.recorded = try form["recorded"].map(SearchFilters.dates)
        filters.content = form["content"]
        filters.tier = form["tier"]
        filters.collection = form["collection"]
        self.filters = filters
        filtersGiven = Self.filterNames.compactMap { name in form[name].map { "\(name)=\($0)" } }
        let sort = form["sort"] ?? SearchOrder.archive.rawValue
        guard let order = SearchOrder(rawValue: sort) else {
            throw WebError.badRequest("sort must be one of \(SearchOrder.allCases.map(\.rawValue).joined(separator: ", ")), not '\(sort)'")
        }
        self.order = order
        limit = try form.integer("limit", in: 1...500, default: 50)
        offset = try form.integer("offset", in: 0...10_000_000, default: 0)
        facets = try form.boolean("facets", default: true)
    }

    /// Asked as `reader`: anonymous visitors see open material only, as the CLI does without `--include-restricted`.
    /// The page and its counts come from `cache` when it holds them.
    func run(on archive: Archive, as reader: Reader, cache: SearchCache) throws -> SearchResult {
        try archive.search(query, filters: filters, order: order, limit: limit, offset: offset,
                           counts: facets ? .facets : .total, cache: cache, as: reader)
    }
}
