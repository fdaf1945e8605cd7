import Foundation

/// An FCS-QL query (`queryType=fcs`) read into the archive's own search: a sequence of tokens,
/// each `"value"` or `[layer="value"]` on one layer (`text`, `orth` or `phonetic`), becomes a
/// phrase searched on that layer's tiers. Values are literal, but for a `.*` that ends the last
/// one (a prefix); flags are accepted, since the search always folds case and diacritics.
///
/// ```swift
/// let (query, layer) = try FCSQuery.searchQuery(#"[text="太"] [text="阳"]"#)
/// query.ftsExpression   // "太 阳"
/// ```
enum FCSQuery {
    struct Token {
        var layer: FCSLayer
        var value: String
        var prefix: Bool
    }

    static func searchQuery(_ text: String) throws -> (SearchQuery, FCSLayer) {
        var scanner = FCSQueryScanner(text)
        var tokens: [Token] = []
        while let token = try scanner.token() { tokens.append(token) }
        guard let first = tokens.first else { throw SRUDiagnostic.syntax("the query is empty") }
        guard tokens.allSatisfy({ $0.layer == first.layer }) else {
            throw SRUDiagnostic.unsupportedFeature("a sequence of tokens on different layers")
        }
        guard tokens.dropLast().allSatisfy({ !$0.prefix }) else {
            throw SRUDiagnostic.unsupportedFeature(".* anywhere but at the end of the last token")
        }
        let phrase = tokens.map(\.value).joined(separator: " ")
        return (SearchQuery(groups: [[SearchQuery.Term(text: phrase, prefix: tokens.last!.prefix)]], excluded: [], text: text), first.layer)
    }
}

/// Reads FCS-QL tokens one by one, refusing what the archive's search cannot answer.
struct FCSQueryScanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    private var current: Character? { index < characters.count ? characters[index] : nil }

    private mutating func skipSpace() {
        while let character = current, character.isWhitespace { index += 1 }
    }

    private func unexpected(_ what: String) -> SRUDiagnostic {
        SRUDiagnostic.syntax("\(what) at character \(index + 1)")
    }

    mutating func token() throws -> FCSQuery.Token? {
        skipSpace()
        guard let character = current else { return nil }
        switch character {
        case "\"", "'":
            let (value, prefix) = try regexp()
            return FCSQuery.Token(layer: .text, value: value, prefix: prefix)
        case "[":
            index += 1
            skipSpace()
            if current == "]" { throw SRUDiagnostic.unsupportedFeature("[] (any token)") }
            if current == "!" { throw SRUDiagnostic.unsupportedFeature("! (negation)") }
            if current == "(" { throw SRUDiagnostic.unsupportedFeature("grouping inside a token") }
            let attribute = identifier()
            guard !attribute.isEmpty else { throw unexpected("a layer name was expected") }
            if current == ":" { throw SRUDiagnostic.unsupportedFeature("qualified layers (\(attribute):…)") }
            guard let layer = FCSLayer(attribute: attribute) else {
                throw SRUDiagnostic.unsupportedFeature("the layer \(attribute): this endpoint has text, orth and phonetic")
            }
            skipSpace()
            if current == "!" { throw SRUDiagnostic.unsupportedFeature("!= (non-equals)") }
            guard current == "=" else { throw unexpected("= was expected after \(attribute)") }
            index += 1
            skipSpace()
            let (value, prefix) = try regexp()
            skipSpace()
            if current == "&" || current == "|" { throw SRUDiagnostic.unsupportedFeature("\(current!) inside a token") }
            guard current == "]" else { throw unexpected("] was expected") }
            index += 1
            try refuseQuantifier()
            return FCSQuery.Token(layer: layer, value: value, prefix: prefix)
        case "(", ")":
            throw SRUDiagnostic.unsupportedFeature("grouping with parentheses")
        case "|":
            throw SRUDiagnostic.unsupportedFeature("alternatives (|)")
        case "+", "*", "?", "{":
            throw SRUDiagnostic.unsupportedFeature("quantifiers")
        default:
            if identifier() == "within" { throw SRUDiagnostic.unsupportedFeature("within") }
            throw unexpected("unexpected \(character)")
        }
    }

    private mutating func identifier() -> String {
        var name = ""
        while let character = current, character.isASCII, character.isLetter || character.isNumber || character == "-" {
            name.append(character)
            index += 1
        }
        return name
    }

    private mutating func refuseQuantifier() throws {
        if let character = current, "+*?{".contains(character) { throw SRUDiagnostic.unsupportedFeature("quantifiers") }
    }

    /// A quoted value with its flags; a `.*` at its end asks for a prefix.
    private mutating func regexp() throws -> (value: String, prefix: Bool) {
        guard let quote = current, quote == "\"" || quote == "'" else { throw unexpected("a quoted value was expected") }
        index += 1
        var value = ""
        var closed = false
        while let character = current {
            index += 1
            if character == "\\", let escaped = current {
                value.append(escaped)
                index += 1
                continue
            }
            if character == quote { closed = true; break }
            value.append(character)
        }
        guard closed else { throw SRUDiagnostic.syntax("a quote is never closed") }
        var literal = false
        if current == "/" {
            index += 1
            let flags = identifier()
            guard !flags.isEmpty, flags.allSatisfy({ "iIcCld".contains($0) }) else { throw unexpected("regular expression flags (i, I, c, C, l, d) were expected") }
            literal = flags.contains("l")
        }
        try refuseQuantifier()
        var prefix = false
        if !literal {
            if value.hasSuffix(".*") { value.removeLast(2); prefix = true }
            if value.contains(where: { ".^$*+?()[]{}|\\".contains($0) }) {
                throw SRUDiagnostic.unsupportedFeature("regular expressions (only a .* at the end of a value, for a prefix)")
            }
        }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw SRUDiagnostic.emptyTerm }
        guard !SearchTokens.tokens(in: value, mode: .query).isEmpty else {
            throw SRUDiagnostic(36, value, "Term in invalid format: '\(value)' has no letters, characters or digits to search for")
        }
        return (value, prefix)
    }
}
