/// The tokens of a CQL query: parentheses, `/`, comparison symbols, quoted strings (with `\"`
/// inside) and words.
enum CQLTokens {
    struct Token: Equatable {
        var text: String
        var quoted: Bool
        var isSymbol: Bool { !quoted && Self.symbols.contains(text) }
        static let symbols: Set<String> = ["(", ")", "/", "=", "==", "<>", "<", ">", "<=", ">="]
    }

    /// Relations spelled as words, which follow an index.
    static let namedRelations: Set<String> = ["adj", "all", "any", "within", "encloses", "exact", "scr"]

    static func read(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            if character == "\"" {
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    let inner = characters[index]
                    if inner == "\\", index + 1 < characters.count {
                        let escaped = characters[index + 1]
                        // `\*` and `\?` would ask for the character itself, which no search token is.
                        value.append(escaped == "\"" || escaped == "\\" ? String(escaped) : "\\" + String(escaped))
                        index += 2
                        continue
                    }
                    if inner == "\"" { closed = true; index += 1; break }
                    value.append(inner)
                    index += 1
                }
                guard closed else { throw SRUDiagnostic(14, nil, "Invalid or unsupported use of quotes: a quote is never closed") }
                tokens.append(Token(text: value, quoted: true))
                continue
            }
            if "()/".contains(character) {
                tokens.append(Token(text: String(character), quoted: false))
                index += 1
                continue
            }
            if "=<>".contains(character) {
                var symbol = String(character)
                if index + 1 < characters.count, Token.symbols.contains(symbol + String(characters[index + 1])) {
                    symbol.append(characters[index + 1])
                }
                tokens.append(Token(text: symbol, quoted: false))
                index += symbol.count
                continue
            }
            var word = ""
            while index < characters.count, !characters[index].isWhitespace, !"()=<>/\"".contains(characters[index]) {
                word.append(characters[index])
                index += 1
            }
            tokens.append(Token(text: word, quoted: false))
        }
        guard !tokens.isEmpty else { throw SRUDiagnostic.emptyTerm }
        return tokens
    }
}
