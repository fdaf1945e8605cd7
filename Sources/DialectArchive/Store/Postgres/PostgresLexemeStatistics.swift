import Foundation
import PostgresNIO

/// How common each lexeme of the search index is, from the planner's own statistics
/// (`pg_stats.most_common_elems`, 100,000 of them; see migration v2), to tell a search with few
/// hits from one with many before it runs.
///
/// PostgreSQL's own estimate misleads in two ways that cost seconds on a large archive: it
/// multiplies the frequencies of a phrase's parts (the bigrams of 下大雨 are seldom apart, so
/// it expects 914 rows of 28,622), and it takes hits to be spread evenly over the ids (an IPA
/// syllable of one dialect sits in that dialect's sessions). Here a phrase is as common as its
/// rarest part, an alternative adds up, and a search with few hits is read through the GIN
/// index whatever the planner would choose.
struct PostgresLexemeStatistics: Sendable {
    /// Rows in the index, as the planner counts them.
    var rows: Double
    var frequencies: [String: Double]
    /// What a lexeme not listed is taken to be: half the rarest listed one, as PostgreSQL does.
    var unlisted: Double

    /// No statistics yet (a table never analysed): every search counts as one with few hits.
    static let none = PostgresLexemeStatistics(rows: 0, frequencies: [:], unlisted: 0)

    static func read(_ database: PostgresDatabase) throws -> PostgresLexemeStatistics {
        let rows = try database.rows("""
            SELECT c.reltuples::float8, s.most_common_elems::text::text[], s.most_common_elem_freqs::float8[]
            FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = 'segment_search' AND s.attname = 'tokens'
            WHERE c.relname = 'segment_search'
            """)
        guard let row = rows.first else { return .none }
        let (count, lexemes, shares) = try row.decode((Double, [String]?, [Double]?).self)
        guard count > 0, let lexemes, let shares, shares.count >= lexemes.count + 1 else { return .none }
        var frequencies: [String: Double] = [:]
        frequencies.reserveCapacity(lexemes.count)
        for (lexeme, share) in zip(lexemes, shares) { frequencies[lexeme] = share }
        // After the frequencies come the smallest and the largest of them.
        return PostgresLexemeStatistics(rows: count, frequencies: frequencies, unlisted: shares[lexemes.count] / 2)
    }

    /// About how many segments match `query` at most.
    func estimatedHits(_ query: SearchQuery) -> Double {
        guard rows > 0 else { return 0 }
        var required = 1.0
        for group in query.groups {
            var alternatives = 0.0
            for term in group {
                let parts: [Double] = PostgresSearchTokens.elements(term).map { share($0) }
                alternatives += parts.min() ?? 0
            }
            required = min(required, alternatives)
        }
        return required * rows
    }

    /// About how many segments match `query` and have these facets (all of the groups, any
    /// value of each), taking the facets as independent of the text and of each other.
    func estimatedHits(_ query: SearchQuery, facets: [[(SearchFacets.Facet, String)]]) -> Double {
        facets.reduce(estimatedHits(query)) { hits, group in
            hits * min(1, group.reduce(0) { $0 + (frequencies[SearchFacets.token($1.0, $1.1)] ?? unlisted) })
        }
    }

    private func share(_ element: PostgresSearchTokens.Element) -> Double {
        guard element.prefix else { return frequencies[element.lexeme] ?? unlisted }
        return min(1, frequencies.reduce(unlisted) { $1.key.hasPrefix(element.lexeme) ? $0 + $1.value : $0 })
    }
}
