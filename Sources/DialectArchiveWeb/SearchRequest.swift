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
        let sort = form["sort"] ?? SearchOrder.archive.rawValue
        guard let order = SearchOrder(rawValue: sort) else {
            throw WebError.badRequest("sort must be one of \(SearchOrder.allCases.map(\.rawValue).joined(separator: ", ")), not '\(sort)'")
        }
        self.order = order
        limit = try form.integer("limit", in: 1...500, default: 50)
        offset = try form.integer("offset", in: 0...10_000_000, default: 0)
    }

    /// Asked as `reader`: anonymous visitors see open material only, as the CLI does without `--include-restricted`.
    func run(on archive: Archive, as reader: Reader) throws -> SearchResult {
        try archive.search(query, filters: filters, order: order, limit: limit, offset: offset, as: reader)
    }
}
