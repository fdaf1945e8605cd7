import GRDB

/// The filters of a search as SQL conditions and FTS5 facet expressions.
extension SearchFilters {
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
