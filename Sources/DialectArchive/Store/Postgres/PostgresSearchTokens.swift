/// The archive's search tokens (`SearchTokens`, the same that feed SQLite's FTS5 index) written
/// as PostgreSQL `tsvector` and `tsquery` values, so that PostgreSQL finds exactly the segments
/// FTS5 finds. PostgreSQL's own parsers are never used: its `simple` configuration would make a
/// run of Han characters one lexeme and drop IPA tone letters.
///
/// - Each token is a lexeme at its own position; the toneless form of a toned syllable shares
///   its position, as FTS5's colocated tokens do; the punctuation separator is a lexeme of its
///   own (U+FDD1, which no text folds to), so a phrase never matches across punctuation.
/// - Two Han characters in a row are also indexed as one bigram lexeme (U+FDD2 and the two
///   characters) at the first one's position. A phrase query asks for its bigrams, which are
///   rare even when each character is common, so the GIN index finds the few rows that have the
///   phrase instead of the planner walking the table in id order.
/// - The facet tokens (`SearchFacets`) follow the text, as in SQLite; the pairs of a role and
///   a dialect group among them (`PostgresFacetPairs`) are lexemes without a position.
///
/// PostgreSQL keeps positions up to 16,383 and 256 positions per lexeme; a segment is a
/// sentence or a word, far below either.
enum PostgresSearchTokens {
    static let separator = String(Unicode.Scalar(0xFDD1)!)
    static let bigramMarker = String(Unicode.Scalar(0xFDD2)!)
    static let maximumPosition = 16_383

    /// A segment as the index keeps it: its `tsvector`, and its size as FTS5 counts a row's
    /// tokens for `bm25` (every token of the text, the separators and the facets; the second
    /// form at a position, as a colocated token, not), which relevance order needs.
    struct Entry {
        var vector: String
        var size: Int
    }

    /// The index entry of a segment's text and its facets (as stored in `segment.facets`).
    static func entry(text: String, facets: String?) -> Entry {
        var lexemes: [String: [Int]] = [:]
        var position = 0, size = 0
        var previousHan: String?
        for token in SearchTokens.tokens(in: text, mode: .document) {
            if !token.colocated { position = min(position + 1, maximumPosition); size += 1 }
            let lexeme = token.text == SearchTokens.separator ? separator : token.text
            lexemes[lexeme, default: []].append(position)
            guard !token.colocated else { continue }
            let isHan = isHanToken(lexeme)
            if isHan, let previous = previousHan {
                lexemes[bigramMarker + previous + lexeme, default: []].append(position - 1)
            }
            previousHan = isHan ? lexeme : nil
        }
        let facetTokens = (facets ?? "").split(separator: " ")
        for facet in facetTokens {
            position = min(position + 1, maximumPosition)
            size += 1
            lexemes[String(facet), default: []].append(position)
        }
        for pair in PostgresFacetPairs.lexemes(facets: facetTokens) where lexemes[pair] == nil {
            lexemes[pair] = []
        }
        let vector = lexemes.keys.sorted().map { lexeme in
            let positions = lexemes[lexeme]!
            return quote(lexeme) + (positions.isEmpty ? "" : ":" + positions.map(String.init).joined(separator: ","))
        }.joined(separator: " ")
        return Entry(vector: vector, size: size)
    }

    /// The `tsquery` of a search: every group required (`&`), alternatives within a group
    /// (`|`), excluded terms (`& !`), each term a phrase of its tokens.
    static func query(_ search: SearchQuery) -> String {
        let required = search.groups.map { group in
            group.count == 1 ? phrase(group[0]) : "(" + group.map(phrase).joined(separator: " | ") + ")"
        }.joined(separator: " & ")
        return search.excluded.reduce(search.excluded.isEmpty ? required : "(" + required + ")") { $0 + " & !" + phrase($1) }
    }

    /// One lexeme of a phrase, at its position among the phrase's tokens.
    struct Element: Equatable {
        var position: Int
        var lexeme: String
        var prefix: Bool
    }

    /// A term as the lexemes of a phrase: its tokens in a row, with each pair of Han characters
    /// asked as its bigram, and the last token a prefix when the term is one (`tɕ*`).
    static func elements(_ term: SearchQuery.Term) -> [Element] {
        let tokens = lexemes(term)
        // The last token of a prefix term is asked as a prefix, never inside a bigram.
        let bigramStarts = term.prefix ? tokens.count - 2 : tokens.count - 1
        var elements: [Element] = []
        var covered = Set<Int>()
        for index in 0..<max(0, bigramStarts) where isHanToken(tokens[index]) && isHanToken(tokens[index + 1]) {
            elements.append(Element(position: index, lexeme: bigramMarker + tokens[index] + tokens[index + 1], prefix: false))
            covered.formUnion([index, index + 1])
        }
        for index in tokens.indices where !covered.contains(index) {
            elements.append(Element(position: index, lexeme: tokens[index], prefix: index == tokens.count - 1 && term.prefix))
        }
        return elements.sorted { $0.position < $1.position }
    }

    /// A term's tokens as the index's lexemes, in order: the phrase FTS5 makes of it.
    static func lexemes(_ term: SearchQuery.Term) -> [String] {
        SearchTokens.tokens(in: term.text, mode: .query).map { $0.text == SearchTokens.separator ? separator : $0.text }
    }

    /// A term as a `tsquery` phrase of its elements.
    static func phrase(_ term: SearchQuery.Term) -> String {
        let elements = elements(term)
        func text(_ element: Element) -> String { quote(element.lexeme) + (element.prefix ? ":*" : "") }
        var phrase = text(elements[0])
        for (previous, element) in zip(elements, elements.dropFirst()) {
            let distance = element.position - previous.position
            phrase += distance == 1 ? " <-> " : " <\(distance)> "
            phrase += text(element)
        }
        return elements.count == 1 ? phrase : "(" + phrase + ")"
    }

    /// Reads `tsvector`s as PostgreSQL writes them as text (`'太':1,4 'it''s':2A`), one a line,
    /// and calls `row` with the positions in each of the lexemes `lexicon` asks for (weights
    /// left out); returns how many were read.
    @discardableResult
    static func readVectors(_ text: [UInt8], asking lexicon: BM25.Lexicon, row: (inout [[Int]]) -> Void) -> Int {
        let quote = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
        let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
        var positions = Array(repeating: [Int](), count: lexicon.asked.count)
        var lexeme: [UInt8] = [], at: [Int] = []
        var index = 0, rows = 0
        func endRow() {
            row(&positions)
            for asked in positions.indices { positions[asked].removeAll(keepingCapacity: true) }
            rows += 1
        }
        while index < text.count {
            let byte = text[index]
            index += 1
            if byte == newline { endRow(); continue }
            guard byte == quote else { continue }
            lexeme.removeAll(keepingCapacity: true)
            while index < text.count {
                let byte = text[index]
                index += 1
                if byte == backslash, index < text.count {
                    lexeme.append(text[index])
                    index += 1
                } else if byte == quote {
                    guard index < text.count, text[index] == quote else { break }
                    lexeme.append(quote)
                    index += 1
                } else {
                    lexeme.append(byte)
                }
            }
            at.removeAll(keepingCapacity: true)
            if index < text.count, text[index] == colon {
                var position = 0
                index += 1
                while index < text.count, text[index] != space, text[index] != newline {
                    let byte = text[index]
                    if byte >= zero && byte <= nine {
                        position = position * 10 + Int(byte - zero)
                    } else if byte == comma {
                        at.append(position)
                        position = 0
                    }
                    index += 1
                }
                at.append(position)
            }
            lexicon.add(lexeme[...], at[...], to: &positions)
        }
        if !text.isEmpty { endRow() }
        return rows
    }

    /// A lexeme in quotes, with the quote and backslash escaped as `tsvector` and `tsquery` read them.
    static func quote(_ lexeme: String) -> String {
        "'" + lexeme.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func isHanToken(_ token: String) -> Bool {
        let scalars = token.unicodeScalars
        return scalars.count == 1 && HanVariants.isHan(scalars.first!)
    }
}
