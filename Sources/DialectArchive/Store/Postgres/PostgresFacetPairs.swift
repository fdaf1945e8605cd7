/// A segment's speaker role and dialect group as one lexeme of PostgreSQL's search index
/// (`SearchFacets.Facet.roleAndDialectGroup`: the role, `/`, the dialect group), beside the
/// two facets it pairs.
///
/// A search filtered by a dialect group and a role asks each part's GIN index for the text and
/// for both facets, and each facet is in a tenth to a third of all rows: intersecting those
/// long lists costs more than the rest of the search. Their pair is in a fortieth or less, so
/// the search asks for the text and the pair instead. A row has the pair of every role and
/// dialect group among its facets (as `segment_facets` writes them, one of each), so asking
/// for the pairs of the filters' values finds exactly the rows that asking for both facets
/// finds; the filters' SQL conditions still decide.
///
/// The pair has no position: no phrase can reach it, and FTS5, whose `bm25` the sizes follow,
/// has no such token.
enum PostgresFacetPairs {
    /// The pair lexemes of a segment whose facet tokens are `facets` (`SearchFacets.token`).
    static func lexemes(facets: [Substring]) -> [String] {
        let roles = values(.role, in: facets), groups = values(.dialectGroup, in: facets)
        return roles.flatMap { role in groups.map { group in token(role: role, group: group) } }
    }

    /// The facet groups a search's `tsquery` asks for, from the filters' (`SearchFilterConditions.facets`):
    /// a group of dialect groups and a group of roles become one group of their pairs, unless
    /// there would be more than `SearchFilterConditions.facetAlternatives` of them.
    static func asked(_ groups: [[(SearchFacets.Facet, String)]]) -> [[(SearchFacets.Facet, String)]] {
        func only(_ facet: SearchFacets.Facet) -> Int? {
            groups.firstIndex { group in !group.isEmpty && group.allSatisfy { $0.0 == facet } }
        }
        guard let dialects = only(.dialectGroup), let roles = only(.role),
              groups[dialects].count * groups[roles].count <= SearchFilterConditions.facetAlternatives else { return groups }
        let pairs = groups[roles].flatMap { role in
            groups[dialects].map { group in (SearchFacets.Facet.roleAndDialectGroup, role.1 + "/" + group.1) }
        }
        return [pairs] + groups.indices.filter { $0 != dialects && $0 != roles }.map { groups[$0] }
    }

    private static func values(_ facet: SearchFacets.Facet, in facets: [Substring]) -> [Substring] {
        let prefix = SearchFacets.token(facet, "")
        return facets.filter { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count) }
    }

    private static func token(role: Substring, group: Substring) -> String {
        SearchFacets.token(.roleAndDialectGroup, role + "/" + group)
    }
}
