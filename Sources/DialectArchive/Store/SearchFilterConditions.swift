import GRDB

/// The filters of a search as SQL conditions, written once for both databases: the same
/// statements, with `?` placeholders, run on SQLite and on PostgreSQL (whose catalogue tables
/// have the same names and columns).
struct SearchFilterConditions {
    /// SQL conditions over `segment s`, `transcript t`, `session se`, `locality l` and
    /// `speaker sp`, which decide.
    var conditions: [String] = []
    /// The values of the conditions' placeholders, in order.
    var arguments: [Value] = []
    /// Facet values that every row meeting the conditions has: all of the groups, any value
    /// of each, so that the index skips most rows that fail them.
    var facets: [[(SearchFacets.Facet, String)]] = []
    /// Whether a row has the facets exactly when it meets the conditions: every filter given
    /// is one a facet stands for (a place of at most `facetAlternatives` localities, a dialect,
    /// a role, a content type, a tier kind), so that the index's estimate of the facets' hits
    /// is the conditions' too.
    var facetsDecide = true

    /// A placeholder's value.
    enum Value: Equatable {
        case text(String)
        case integer(Int)
    }

    /// Reads the values of one column for a lookup the conditions need; `sql` has `?`
    /// placeholders for `arguments`.
    typealias Lookup = (_ sql: String, _ arguments: [String]) throws -> [String]

    /// Beyond this many localities (a whole province, say) the facets would cost more than
    /// they save, and the SQL conditions alone filter.
    static let facetAlternatives = 24

    /// What a search adds for `filters`. A restricted speaker's name, sex and birth year are
    /// withheld unless `includeRestricted`, so those filters then pass over the speaker
    /// (`speaker=` still finds them by id).
    init(_ filters: SearchFilters, includeRestricted: Bool = true, lookup: Lookup) throws {
        if let locality = filters.locality {
            let matching = "id = ? OR name = ? OR county = ? OR prefecture = ? OR province = ?"
            let values = Array(repeating: locality, count: 5)
            add("l.id IN (SELECT id FROM locality WHERE \(matching))", values.map(Value.text))
            let ids = try lookup("SELECT id FROM locality WHERE \(matching) ORDER BY id", values)
            if ids.count <= Self.facetAlternatives { facets.append(ids.map { (.locality, $0) }) }
        }
        if let dialect = filters.dialect {
            add("(l.dialect_group = ? OR l.dialect_subgroup = ? OR l.dialect_cluster = ?)", Array(repeating: .text(dialect), count: 3))
            let isGroup = try !lookup("SELECT id FROM locality WHERE dialect_group = ? LIMIT 1", [dialect]).isEmpty
            let ids = try lookup("""
                SELECT id FROM locality WHERE dialect_group IS DISTINCT FROM ? AND (dialect_subgroup = ? OR dialect_cluster = ?) ORDER BY id
                """, [dialect, dialect, dialect])
            if ids.count <= Self.facetAlternatives {
                facets.append((isGroup ? [(.dialectGroup, dialect)] : []) + ids.map { (.locality, $0) })
            }
        }
        if let speaker = filters.speaker {
            let nameShown = includeRestricted ? "" : " AND " + AccessRules.isOpen("sp")
            add("(sp.id = ? OR (sp.name = ?\(nameShown)))", [.text(speaker), .text(speaker)])
            let roles = try lookup("""
                SELECT DISTINCT coalesce(role, '') FROM speaker sp WHERE sp.id = ? OR (sp.name = ?\(nameShown))
                """, [speaker, speaker])
            facets.append(roles.map { (.role, $0) })
        }
        if let role = filters.role {
            guard let value = MetadataValues.speakerRoles[role.lowercased()] ?? MetadataValues.speakerRoles[role] else {
                throw SearchQueryError("'\(role)' is not a speaker role (老男, 青男, 老女, 青女, 口头文化, 地方普通话, other)")
            }
            add("sp.role = ?", [.text(value)])
            facets.append([(.role, value)])
        }
        if let sex = filters.sex {
            guard let value = MetadataValues.sexes[sex.lowercased()] ?? MetadataValues.sexes[sex] else {
                throw SearchQueryError("'\(sex)' is not a sex (m, f, 男, 女, other)")
            }
            add("sp.sex = ?" + (includeRestricted ? "" : " AND " + AccessRules.isOpen("sp")), [.text(value)])
        }
        if let born = filters.born {
            add("sp.birth_year BETWEEN ? AND ?" + (includeRestricted ? "" : " AND " + AccessRules.isOpen("sp")),
                [.integer(born.lowerBound), .integer(born.upperBound)])
        }
        if let recorded = filters.recorded {
            add("se.date BETWEEN ? AND ?", [.text(recorded.lowerBound), .text(recorded.upperBound)])
        }
        if let content = filters.content {
            guard let value = MetadataValues.contentTypes[content.lowercased()] ?? MetadataValues.contentTypes[content] else {
                throw SearchQueryError("'\(content)' is not a content type (单字, 词汇, 语法, 话语, 口头文化, other)")
            }
            add("se.content_type = ?", [.text(value)])
            facets.append([(.content, value)])
        }
        if let tier = filters.tier {
            if let kind = TierKind(rawValue: tier.lowercased()) {
                add("s.tier_kind = ?", [.text(kind.rawValue)])
                facets.append([(.tierKind, kind.rawValue)])
            } else {
                add("s.tier = ?", [.text(tier)])
            }
        }
        if let collection = filters.collection {
            add("se.collection_id = ?", [.text(collection)])
        }
        // Each of these adds a facet group when a facet stands for it (a tier by its name, or a
        // place of too many localities, adds none); a speaker's roles only narrow.
        let standingForFacets = [filters.locality, filters.dialect, filters.role, filters.content, filters.tier].compactMap { $0 }
        facetsDecide = facets.count == standingForFacets.count && filters.speaker == nil && filters.sex == nil && filters.born == nil
            && filters.recorded == nil && filters.collection == nil
    }

    private mutating func add(_ condition: String, _ values: [Value]) {
        conditions.append(condition)
        arguments += values
    }

    /// The facets as an FTS5 expression (nil when no given filter has facets).
    var ftsFacets: String? {
        facets.isEmpty ? nil : facets.map(SearchFacets.anyOf).joined(separator: " AND ")
    }

    /// The placeholders' values for GRDB.
    var statementArguments: StatementArguments {
        StatementArguments(arguments.map { value -> DatabaseValueConvertible in
            switch value {
            case .text(let text): return text
            case .integer(let number): return number
            }
        })
    }
}

extension SearchFilters {
    /// The filters' conditions, looked up in an SQLite archive.
    func conditions(_ db: Database, includeRestricted: Bool = true) throws -> SearchFilterConditions {
        try SearchFilterConditions(self, includeRestricted: includeRestricted) { sql, arguments in
            try String.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        }
    }
}
