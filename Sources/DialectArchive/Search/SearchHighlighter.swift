/// Marks where a search's words and phrases occur in a hit's text, cutting the text into
/// tokens exactly as the index does (`SearchTokens`): a phrase is its tokens at consecutive
/// positions, a prefix applies to its last token, a toneless syllable matches any tone.
/// Excluded words are never marked.
struct SearchHighlighter {
    private struct Phrase {
        var tokens: [String]
        var prefix: Bool
    }

    private let phrases: [Phrase]

    init(_ query: SearchQuery) {
        phrases = query.groups.joined().map { term in
            Phrase(tokens: SearchTokens.tokens(in: term.text, mode: .query).map(\.text), prefix: term.prefix)
        }.filter { !$0.tokens.isEmpty }
    }

    /// The text with each match wrapped in `<mark>…</mark>`, and the matches as [start, end)
    /// offsets in Unicode scalars.
    func highlight(_ text: String) -> (highlighted: String, ranges: [[Int]]) {
        // Tokens sharing a position (a toned syllable and its toneless form) are neighbours;
        // `positions` holds the index of each position's first token.
        let tokens = SearchTokens.tokens(in: text, mode: .document)
        var positions: [Int] = []
        positions.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() where !token.colocated || positions.isEmpty { positions.append(index) }
        func has(_ wanted: String, at position: Int, prefix: Bool) -> Bool {
            let end = position + 1 < positions.count ? positions[position + 1] : tokens.count
            for index in positions[position]..<end {
                let form = tokens[index].text.utf8
                if prefix ? form.starts(with: wanted.utf8) : form.elementsEqual(wanted.utf8) { return true }
            }
            return false
        }
        var matched: [(start: Int, end: Int)] = []
        for phrase in phrases where phrase.tokens.count <= positions.count {
            let last = phrase.tokens.count - 1
            for first in 0...(positions.count - phrase.tokens.count)
            where phrase.tokens.indices.allSatisfy({ has(phrase.tokens[$0], at: first + $0, prefix: phrase.prefix && $0 == last) }) {
                matched.append((tokens[positions[first]].start, tokens[positions[first + last]].end))
            }
        }
        guard !matched.isEmpty else { return (text, []) }
        matched.sort { $0.start < $1.start }
        var merged: [(start: Int, end: Int)] = []
        for span in matched {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        // UTF-8 offsets to scalar offsets, writing the marked text on the way.
        var highlighted = String.UnicodeScalarView()
        var ranges: [[Int]] = []
        var byte = 0, scalarIndex = 0, next = 0, openAt: Int?
        for scalar in text.unicodeScalars {
            if next < merged.count, openAt == nil, byte == merged[next].start {
                openAt = scalarIndex
                highlighted.append(contentsOf: "<mark>".unicodeScalars)
            }
            highlighted.append(scalar)
            byte += UTF8.width(scalar)
            scalarIndex += 1
            if let start = openAt, byte >= merged[next].end {
                ranges.append([start, scalarIndex])
                highlighted.append(contentsOf: "</mark>".unicodeScalars)
                openAt = nil
                next += 1
            }
        }
        return (String(highlighted), ranges)
    }
}
