/// A researcher's search, parsed: words and "phrases" that must all occur, `OR` between
/// alternatives, `-word` to exclude, `word*` for a prefix. Turned into an FTS5 expression
/// whose every term is quoted, so no user input is ever read as FTS5 or SQL syntax.
///
/// ```swift
/// let query = try SearchQuery("太阳 OR 日头 -月")
/// query.ftsExpression   // ("太阳" OR "日头") NOT "月"
/// ```
public struct SearchQuery: Equatable, Sendable {
    /// One searchable unit: a word or phrase, optionally a prefix.
    public struct Term: Equatable, Sendable {
        public var text: String
        public var prefix: Bool
    }

    /// Alternatives joined by OR; the query requires every group.
    public var groups: [[Term]]
    /// Terms that must not occur.
    public var excluded: [Term]
    /// The text as typed.
    public var text: String

    public init(_ text: String) throws {
        self.text = text
        // The facet marker is the index's own; typed text never searches facets.
        let text = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != SearchFacets.marker }))
        var groups: [[Term]] = []
        var excluded: [Term] = []
        var pendingOr = false
        var position = text.startIndex
        func characterNumber(_ index: String.Index) -> Int { text.distance(from: text.startIndex, to: index) + 1 }

        while position < text.endIndex {
            let character = text[position]
            if character.isWhitespace { position = text.index(after: position); continue }
            let start = position
            var negated = false
            if character == "-" || character == "−" {
                let next = text.index(after: position)
                guard next < text.endIndex, !text[next].isWhitespace else {
                    throw SearchQueryError("'-' at character \(characterNumber(start)) must be followed by a word to exclude, e.g. -月")
                }
                negated = true
                position = next
            }
            var raw: String
            var quoted = false
            if text[position] == "\"" || text[position] == "“" {
                let open = position
                let after = text.index(after: position)
                guard let close = text[after...].firstIndex(where: { $0 == "\"" || $0 == "”" }) else {
                    throw SearchQueryError("the quote opened at character \(characterNumber(open)) is never closed")
                }
                raw = String(text[after..<close])
                quoted = true
                position = text.index(after: close)
            } else {
                let end = text[position...].firstIndex(where: { $0.isWhitespace || $0 == "\"" || $0 == "“" }) ?? text.endIndex
                raw = String(text[position..<end])
                position = end
            }
            var prefix = false
            if position < text.endIndex, text[position] == "*" { prefix = true; position = text.index(after: position) }
            if !quoted, raw == "OR" {
                guard !groups.isEmpty, !pendingOr else {
                    throw SearchQueryError("OR at character \(characterNumber(start)) needs a word on each side")
                }
                pendingOr = true
                continue
            }
            if !quoted, raw.hasSuffix("*") {
                prefix = true
                raw.removeLast()
            }
            guard !SearchTokens.tokens(in: raw, mode: .query).isEmpty else {
                if raw.isEmpty && prefix { throw SearchQueryError("'*' at character \(characterNumber(start)) must end a word, e.g. tɕ*") }
                throw SearchQueryError("'\(raw)' at character \(characterNumber(start)) has nothing to search for (no letters, characters or digits)")
            }
            let term = Term(text: raw, prefix: prefix)
            if negated {
                guard !pendingOr else {
                    throw SearchQueryError("an excluded word (-\(raw)) cannot be one of the alternatives of OR")
                }
                excluded.append(term)
            } else if pendingOr {
                groups[groups.count - 1].append(term)
                pendingOr = false
            } else {
                groups.append([term])
            }
        }
        if pendingOr { throw SearchQueryError("OR at the end of the search needs a word after it") }
        guard !groups.isEmpty else {
            throw SearchQueryError(excluded.isEmpty ? "the search is empty" : "a search needs at least one word to look for, not only words to exclude")
        }
        self.groups = groups
        self.excluded = excluded
    }

    /// The FTS5 MATCH expression.
    public var ftsExpression: String {
        func quote(_ term: Term) -> String {
            "\"" + term.text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (term.prefix ? " *" : "")
        }
        let required = groups.map { group in
            group.count == 1 ? quote(group[0]) : "(" + group.map(quote).joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
        return excluded.reduce(excluded.isEmpty ? required : "(" + required + ")") { $0 + " NOT " + quote($1) }
    }
}

/// A search that cannot be run, with what is wrong in words a researcher understands.
public struct SearchQueryError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "search: \(message)" }
}
