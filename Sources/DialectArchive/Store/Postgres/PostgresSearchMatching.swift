import PostgresNIO

/// What a search reads on PostgreSQL: the segment index alone, or, when filters or what the
/// reader may see need it, the index joined with the catalogue under the same conditions
/// SQLite's search adds (`SearchFilterConditions`, `SearchReaderConditions`). The filters'
/// facets are added to the `tsquery`, as SQLite adds them to its MATCH, so that the GIN index
/// skips most rows that fail them (a role and a dialect group as one lexeme, `PostgresFacetPairs`);
/// the conditions decide.
struct PostgresSearchMatching {
    /// The catalogue's joins and the conditions, after the index's candidates `ss`; nil for
    /// the index alone.
    var joined: String?
    /// `$1` the `tsquery`, then the conditions' values.
    var binds = PostgresBindings()
    /// The filters' facets, as SQLite's MATCH asks for them (and its `bm25` counts them).
    var facets: [[(SearchFacets.Facet, String)]] = []
    /// The same rows' facets as the `tsquery` asks for them: a role and a dialect group as
    /// their pairs (`PostgresFacetPairs`).
    var askedFacets: [[(SearchFacets.Facet, String)]] = []
    /// Whether the facets asked find exactly the rows the filters keep
    /// (`SearchFilterConditions.facetsDecide`); what a reader may not see is left out after.
    var facetsDecide = true

    /// The catalogue joined as SQLite's search joins it.
    static let catalogueJoins = """
        JOIN segment s ON s.id = ss.id JOIN transcript t ON t.id = s.transcript_id \
        JOIN session se ON se.id = t.session_id LEFT JOIN recording r ON r.id = s.recording_id \
        LEFT JOIN locality l ON l.id = se.locality_id LEFT JOIN speaker sp ON sp.id = s.speaker_id
        """

    /// A statement for the ids that match among those meeting `range` (a condition on `id`),
    /// in id order, at most `limit`. With the catalogue, the index's candidates are sorted
    /// before they are joined (`OFFSET 0` keeps the planner from merging the two), so that the
    /// joins stop at the page instead of joining every candidate of a common term first.
    func ids(in range: String, limit: Int) -> String {
        let candidates = "SELECT id FROM segment_search WHERE \(range) AND tokens @@ $1::tsquery ORDER BY id"
        guard let joined else { return candidates + " LIMIT \(limit)" }
        return "SELECT ss.id FROM (\(candidates) OFFSET 0) ss \(joined) ORDER BY ss.id LIMIT \(limit)"
    }

    /// A statement for how many segments match.
    var count: String {
        "SELECT count(*) FROM (SELECT id FROM segment_search WHERE tokens @@ $1::tsquery) ss " + (joined ?? "")
    }

    /// The index alone, its `tsquery` not yet bound.
    init() {}

    /// The index alone, for everything that matches `query`.
    init(_ query: SearchQuery) {
        binds.append(PostgresSearchTokens.query(query))
    }

    /// `query` with `filters`, as `reader` may see it; joins the catalogue only when the
    /// filters or the reader need it, or something is withdrawn (which no reader finds).
    init(_ query: SearchQuery, filters: SearchFilters, reader: Reader, _ database: PostgresDatabase) throws {
        self.init()
        let withheld = try database.rows(PostgresQuery(unsafeSQL: SearchReaderConditions.whatIsWithheld))[0].decode((Bool, Bool).self)
        guard filters != SearchFilters() || !reader.seesEverything || withheld.1 else {
            binds.append(PostgresSearchTokens.query(query))
            return
        }
        let filtering = try SearchFilterConditions(filters, includeRestricted: reader.seesEverything) { sql, arguments in
            var binds = PostgresBindings()
            for argument in arguments { binds.append(argument) }
            return try database.rows(PostgresQuery(unsafeSQL: PostgresStoreDatabase.numbered(sql, from: 1), binds: binds)).map { try $0.decode(String.self) }
        }
        let conditions = filtering.conditions + SearchReaderConditions.conditions(for: reader, restricted: withheld.0, withdrawn: withheld.1)
        let text = PostgresSearchTokens.query(query)
        facets = filtering.facets
        askedFacets = PostgresFacetPairs.asked(facets)
        facetsDecide = filtering.facetsDecide
        binds.append(askedFacets.isEmpty ? text : "(" + text + ") & " + askedFacets.map(Self.anyOf).joined(separator: " & "))
        guard !conditions.isEmpty else { return }
        joined = Self.catalogueJoins + " WHERE " + PostgresStoreDatabase.numbered(conditions.joined(separator: " AND "), from: 2)
        for argument in filtering.arguments {
            switch argument {
            case .text(let text): binds.append(text)
            case .integer(let number): binds.append(number)
            }
        }
    }

    /// A `tsquery` for a row with any of these facet values (none: no row).
    static func anyOf(_ values: [(SearchFacets.Facet, String)]) -> String {
        let tokens = values.isEmpty ? [SearchFacets.noSegment] : values.map { SearchFacets.token($0.0, $0.1) }
        return "(" + tokens.map(PostgresSearchTokens.quote).joined(separator: " | ") + ")"
    }
}
