import Foundation

/// FTS5's `bm25()` as SQLite computes it (`fts5Bm25Function` in ext/fts5/fts5_aux.c), so that
/// PostgreSQL orders hits by relevance exactly as SQLite does: the same operations on doubles,
/// in the same order, from the same counts. For a row, with N rows in the index, `averageSize`
/// their mean size in tokens, D the row's size, and for each phrase i of the query n(i) rows
/// that have it and f(i) its occurrences in the row:
///
///     idf(i) = log((N - n(i) + 0.5) / (n(i) + 0.5)), or 1e-6 where that is not above 0
///     bm25   = -Σ idf(i) · (f(i) · (k1 + 1)) / (f(i) + k1 · (1 - b + b · D / averageSize))
///
/// with k1 = 1.2 and b = 0.75, and the phrases in the order FTS5 numbers them. Lower is better;
/// SQLite orders by it, then by rowid.
///
/// ```swift
/// let phrases = BM25.phrases(try SearchQuery("太阳 OR 日头"), facets: [])
/// let bm25 = BM25(rows: 1_000, tokens: 12_000, phraseHits: [40, 3])
/// bm25.score(frequencies: [1, 0], size: 9)   // -3.5268…: 太阳 once in a row of 9 tokens
/// ```
struct BM25 {
    static let k1 = 1.2
    static let b = 0.75

    /// Each phrase's inverse document frequency, in the phrases' order.
    var idf: [Double]
    /// The mean size of a row in tokens.
    var averageSize: Double

    /// The weights of a query's phrases, from the rows in the index (`rows`, more than 0), the
    /// sum of their sizes (`tokens`) and how many rows have each phrase.
    init(rows: Int64, tokens: Int64, phraseHits: [Int64]) {
        averageSize = Double(tokens) / Double(rows)
        idf = phraseHits.map { hits in
            let idf = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
            return idf <= 0.0 ? 1e-6 : idf
        }
    }

    /// A row's score, from each phrase's occurrences in it and its size in tokens.
    func score(frequencies: [Int], size: Int) -> Double {
        var score = 0.0
        for (idf, frequency) in zip(idf, frequencies) {
            let f = Double(frequency)
            score += idf * ((f * (Self.k1 + 1.0)) / (f + Self.k1 * (1 - Self.b + Self.b * Double(size) / averageSize)))
        }
        return -1.0 * score
    }

    /// One phrase of a query as FTS5 counts it: the lexemes of its tokens in a row, the last
    /// one a prefix when the term is one.
    struct Phrase: Hashable {
        var lexemes: [String]
        var prefix: Bool
        /// The `tsquery` of the rows that have it.
        var tsquery: String
    }

    /// The lexemes a query's phrases ask for, each once, and how many times each phrase occurs
    /// in a row from the positions of those lexemes there.
    struct Lexicon {
        /// A lexeme asked for, as bytes, or a prefix that every lexeme starting with it matches.
        var asked: [(bytes: [UInt8], prefix: Bool)] = []
        /// Each phrase as the indexes of its lexemes in `asked`.
        var phrases: [[Int]] = []

        init(_ phrases: [Phrase]) {
            for phrase in phrases {
                self.phrases.append(phrase.lexemes.indices.map { index in
                    let wanted = (bytes: Array(phrase.lexemes[index].utf8), prefix: phrase.prefix && index == phrase.lexemes.count - 1)
                    if let known = asked.firstIndex(where: { $0.bytes == wanted.bytes && $0.prefix == wanted.prefix }) { return known }
                    asked.append(wanted)
                    return asked.count - 1
                })
            }
        }

        /// Whether any phrase ends in a prefix (whose lexemes a row must be read whole for).
        var hasPrefix: Bool { asked.contains { $0.prefix } }

        /// Adds a row's lexeme (its bytes and positions) to the positions of each asked lexeme it is.
        func add(_ lexeme: ArraySlice<UInt8>, _ at: ArraySlice<Int>, to positions: inout [[Int]]) {
            for (index, wanted) in asked.enumerated() where wanted.prefix ? lexeme.starts(with: wanted.bytes) : lexeme.elementsEqual(wanted.bytes) {
                positions[index] += at
            }
        }

        /// How many times each phrase occurs in a row, from `positions` (see `add`): the
        /// positions where each of its tokens follows the one before. A prefix matches each
        /// position once, however many of the row's lexemes there start with it (a toned
        /// syllable and its toneless form), as FTS5 merges a prefix's positions.
        func occurrences(_ positions: inout [[Int]], into counts: inout [Int]) {
            for (index, wanted) in asked.enumerated() where wanted.prefix && positions[index].count > 1 {
                positions[index] = Array(Set(positions[index]))
            }
            for (number, phrase) in phrases.enumerated() {
                guard phrase.count > 1 else { counts[number] = positions[phrase[0]].count; continue }
                counts[number] = positions[phrase[0]].reduce(0) { found, first in
                    phrase.indices.dropFirst().allSatisfy { positions[phrase[$0]].contains(first + $0) } ? found + 1 : found
                }
            }
        }
    }

    /// The phrases of `query` that can occur in a hit, in the order FTS5 numbers them in the
    /// MATCH expression SQLite is given (`SearchQuery.ftsExpression`, then the filters' facets,
    /// `SearchFilterConditions.ftsFacets`). An excluded term is left out: it never occurs in a
    /// hit, so it adds 0 to every score.
    static func phrases(_ query: SearchQuery, facets: [[(SearchFacets.Facet, String)]]) -> [Phrase] {
        let terms = query.groups.joined().map { term in
            Phrase(lexemes: PostgresSearchTokens.lexemes(term), prefix: term.prefix, tsquery: PostgresSearchTokens.phrase(term))
        }
        let facetTokens = facets.flatMap { values in values.isEmpty ? [SearchFacets.noSegment] : values.map { SearchFacets.token($0.0, $0.1) } }
        return terms + facetTokens.map { Phrase(lexemes: [$0], prefix: false, tsquery: PostgresSearchTokens.quote($0)) }
    }
}
