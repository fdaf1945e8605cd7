import GRDB

/// Narrowing a search by place, dialect, speaker, date, content and tier. Every filter is
/// optional; given filters combine with AND.
public struct SearchFilters: Hashable, Sendable {
    /// Locality id or name, or its county, prefecture or province.
    public var locality: String?
    /// Dialect group, sub-group or cluster (方言区, 片 or 小片).
    public var dialect: String?
    /// Speaker id or name.
    public var speaker: String?
    /// 语保 role, e.g. 老男.
    public var role: String?
    public var sex: String?
    /// Birth years, inclusive.
    public var born: ClosedRange<Int>?
    /// Session dates, inclusive, as `yyyy-mm-dd`.
    public var recorded: ClosedRange<String>?
    /// Content type, e.g. 词汇.
    public var content: String?
    /// A tier kind (orthography, ipa, translation, gloss, other) or, for any other value, a tier name.
    public var tier: String?
    public var collection: String?

    public init() {}

    /// Reads `1940-1960` or `1950`.
    public static func years(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let from = Int(parts[0]), let to = Int(parts.last!), from <= to,
              parts.allSatisfy({ $0.count == 4 }) else {
            throw SearchQueryError("'\(text)' is not a span of years (e.g. 1940-1960)")
        }
        return from...to
    }

    /// Reads `2020-2024` (years) or `2020-05-01..2021-06-30` (dates).
    public static func dates(_ text: String) throws -> ClosedRange<String> {
        if let years = try? years(text) { return "\(years.lowerBound)-01-01"..."\(years.upperBound)-12-31" }
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let from = CalendarDate.normalise(parts[0]), let to = CalendarDate.normalise(parts[1]), from <= to else {
            throw SearchQueryError("'\(text)' is not a span of years (2020-2024) or dates (2020-05-01..2021-06-30)")
        }
        return from...to
    }

    /// What a search adds for these filters: SQL conditions over `segment s`, `transcript t`,
    /// `session se`, `locality l` and `speaker sp`, which decide, and an FTS5 expression over
    /// the index's facets that every row meeting them also meets, so the index skips most rows
    /// that fail them (nil when no given filter has facets).
    ///
    /// A restricted speaker's name, sex and birth year are withheld unless `includeRestricted`,
    /// so those filters then pass over the speaker (`speaker=` still finds them by id).
    func sql(_ db: Database, includeRestricted: Bool = true) throws -> (conditions: [String], arguments: StatementArguments, facets: String?) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        var facets: [String] = []
        if let locality {
            let matching = "id = ? OR name = ? OR county = ? OR prefecture = ? OR province = ?"
            let values: StatementArguments = [locality, locality, locality, locality, locality]
            conditions.append("l.id IN (SELECT id FROM locality WHERE \(matching))")
            arguments += values
            let ids = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM locality WHERE \(matching) ORDER BY id"), arguments: values)
            if ids.count <= Self.facetAlternatives { facets.append(SearchFacets.anyOf(ids.map { (.locality, $0) })) }
        }
        if let dialect {
            conditions.append("(l.dialect_group = ? OR l.dialect_subgroup = ? OR l.dialect_cluster = ?)")
            arguments += [dialect, dialect, dialect]
            let isGroup = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM locality WHERE dialect_group = ?)"),
                                            arguments: [dialect]) ?? false
            let ids = try String.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM locality WHERE dialect_group IS NOT ? AND (dialect_subgroup = ? OR dialect_cluster = ?) ORDER BY id
                """), arguments: [dialect, dialect, dialect])
            if ids.count <= Self.facetAlternatives {
                facets.append(SearchFacets.anyOf((isGroup ? [(.dialectGroup, dialect)] : []) + ids.map { (.locality, $0) }))
            }
        }
        if let speaker {
            let nameShown = includeRestricted ? "" : " AND " + AccessRules.isOpen("sp")
            conditions.append("(sp.id = ? OR (sp.name = ?\(nameShown)))")
            arguments += [speaker, speaker]
            let roles = try String.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT coalesce(role, '') FROM speaker sp WHERE sp.id = ? OR (sp.name = ?\(nameShown))
                """), arguments: [speaker, speaker])
            facets.append(SearchFacets.anyOf(roles.map { (.role, $0) }))
        }
        if let role {
            guard let value = MetadataValues.speakerRoles[role.lowercased()] ?? MetadataValues.speakerRoles[role] else {
                throw SearchQueryError("'\(role)' is not a speaker role (老男, 青男, 老女, 青女, 口头文化, 地方普通话, other)")
            }
            conditions.append("sp.role = ?")
            arguments += [value]
            facets.append(SearchFacets.anyOf([(.role, value)]))
        }
        if let sex {
            guard let value = MetadataValues.sexes[sex.lowercased()] ?? MetadataValues.sexes[sex] else {
                throw SearchQueryError("'\(sex)' is not a sex (m, f, 男, 女, other)")
            }
            conditions.append("sp.sex = ?" + (includeRestricted ? "" : " AND " + AccessRules.isOpen("sp")))
            arguments += [value]
        }
        if let born {
            conditions.append("sp.birth_year BETWEEN ? AND ?" + (includeRestricted ? "" : " AND " + AccessRules.isOpen("sp")))
            arguments += [born.lowerBound, born.upperBound]
        }
        if let recorded {
            conditions.append("se.date BETWEEN ? AND ?")
            arguments += [recorded.lowerBound, recorded.upperBound]
        }
        if let content {
            guard let value = MetadataValues.contentTypes[content.lowercased()] ?? MetadataValues.contentTypes[content] else {
                throw SearchQueryError("'\(content)' is not a content type (单字, 词汇, 语法, 话语, 口头文化, other)")
            }
            conditions.append("se.content_type = ?")
            arguments += [value]
            facets.append(SearchFacets.anyOf([(.content, value)]))
        }
        if let tier {
            if let kind = TierKind(rawValue: tier.lowercased()) {
                conditions.append("s.tier_kind = ?")
                arguments += [kind.rawValue]
                facets.append(SearchFacets.anyOf([(.tierKind, kind.rawValue)]))
            } else {
                conditions.append("s.tier = ?")
                arguments += [tier]
            }
        }
        if let collection {
            conditions.append("se.collection_id = ?")
            arguments += [collection]
        }
        return (conditions, arguments, facets.isEmpty ? nil : facets.joined(separator: " AND "))
    }

    /// Beyond this many localities (a whole province, say) the facets would cost more than
    /// they save, and the SQL conditions alone filter.
    static let facetAlternatives = 24
}
