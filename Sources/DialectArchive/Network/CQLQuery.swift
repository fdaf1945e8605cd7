import Foundation

/// A CQL query (the SRU query language) read into the archive's own search: terms and
/// "phrases" on the text of every tier, combined with AND, OR and NOT and parentheses, with
/// the relations `=`, `==`, `adj` (a phrase), `all` and `any` (its words together or as
/// alternatives) and a `*` that ends a word for a prefix.
///
/// ```swift
/// let query = try CQLQuery.searchQuery("(太阳 OR 日头) NOT 月")
/// query.ftsExpression   // ("太阳" OR "日头") NOT "月"
/// ```
enum CQLQuery {
    indirect enum Node {
        case terms(CNF)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node, Node)
    }

    /// A query as the archive runs it: every group holds alternatives, and all groups are needed.
    struct CNF {
        var groups: [[SearchQuery.Term]]
        var excluded: [SearchQuery.Term] = []
    }

    /// Beyond this many groups, distributing OR over AND makes a query too large to run.
    static let groupLimit = 64

    static func searchQuery(_ text: String) throws -> SearchQuery {
        var parser = CQLParser(try CQLTokens.read(text))
        let node = try parser.query()
        if let extra = parser.peek { throw SRUDiagnostic.syntax("unexpected \(extra.text) after the end of the query") }
        let cnf = try normal(node)
        return SearchQuery(groups: cnf.groups, excluded: cnf.excluded, text: text)
    }

    static func normal(_ node: Node) throws -> CNF {
        switch node {
        case .terms(let cnf):
            return cnf
        case .and(let left, let right):
            let (a, b) = (try normal(left), try normal(right))
            return CNF(groups: a.groups + b.groups, excluded: a.excluded + b.excluded)
        case .or(let left, let right):
            let (a, b) = (try normal(left), try normal(right))
            guard a.excluded.isEmpty, b.excluded.isEmpty else { throw SRUDiagnostic.unsupportedFeature("NOT inside one side of OR") }
            guard a.groups.count * b.groups.count <= groupLimit else { throw SRUDiagnostic.unsupportedFeature("too many combinations of AND inside OR") }
            return CNF(groups: a.groups.flatMap { x in b.groups.map { x + $0 } })
        case .not(let left, let right):
            let (a, b) = (try normal(left), try normal(right))
            guard b.excluded.isEmpty, b.groups.count == 1 else {
                throw SRUDiagnostic.unsupportedFeature("NOT before anything but a term or alternatives joined by OR")
            }
            return CNF(groups: a.groups, excluded: a.excluded + b.groups[0])
        }
    }
}

extension SearchQuery {
    /// A query built from its parts by another query language, named by the text it was read from.
    init(groups: [[Term]], excluded: [Term], text: String) {
        self.groups = groups
        self.excluded = excluded
        self.text = text
    }
}

/// Reads the tokens of a CQL query into its tree: search clauses joined by booleans, left to right.
struct CQLParser {
    private var tokens: [CQLTokens.Token]
    private var position = 0

    init(_ tokens: [CQLTokens.Token]) { self.tokens = tokens }

    var peek: CQLTokens.Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func next() -> CQLTokens.Token? {
        defer { position += 1 }
        return peek
    }

    mutating func query() throws -> CQLQuery.Node {
        if peek?.text == ">" { throw SRUDiagnostic.unsupportedFeature("prefix assignments (>)") }
        var node = try clause()
        while let token = peek, !token.quoted, token.text != ")" {
            let name = token.text.lowercased()
            guard !token.isSymbol else { throw SRUDiagnostic.syntax("unexpected \(token.text)") }
            if name == "sortby" { throw SRUDiagnostic(80, nil, "Sort not supported") }
            guard ["and", "or", "not", "prox"].contains(name) else {
                throw SRUDiagnostic.syntax("\(token.text) where AND, OR or NOT was expected (quote a phrase: \"…\")")
            }
            position += 1
            if name == "prox" { throw SRUDiagnostic.unsupportedBoolean(token.text) }
            if peek?.text == "/" { throw SRUDiagnostic(46, token.text, "Unsupported boolean modifier") }
            let right = try clause()
            switch name {
            case "and": node = .and(node, right)
            case "or": node = .or(node, right)
            default: node = .not(node, right)
            }
        }
        return node
    }

    private mutating func clause() throws -> CQLQuery.Node {
        guard let first = next() else { throw SRUDiagnostic.syntax("the query ends where a term was expected") }
        if first.text == "(" && !first.quoted {
            let inner = try query()
            guard next()?.text == ")" else { throw SRUDiagnostic(13, nil, "Invalid or unsupported use of parentheses: a ( is never closed") }
            return inner
        }
        guard first.quoted || !first.isSymbol else { throw SRUDiagnostic.syntax("\(first.text) where a term was expected") }
        guard let following = peek, !following.quoted, isComparator(following) || isNamedRelation(following) else {
            return .terms(try terms(first.text, relation: "="))
        }
        // `index relation term`
        let index = first.text
        guard ["cql.serverchoice", "serverchoice", "text", "words", "fcs.words"].contains(index.lowercased()) else {
            throw SRUDiagnostic.unsupportedIndex(index)
        }
        let relation = next()!.text.lowercased()
        if peek?.text == "/" {
            position += 1
            throw SRUDiagnostic.unsupportedRelationModifier(peek?.text ?? "/")
        }
        guard ["=", "==", "adj", "all", "any", "scr"].contains(relation) else { throw SRUDiagnostic.unsupportedRelation(relation) }
        guard let term = next(), term.quoted || !term.isSymbol else { throw SRUDiagnostic.syntax("the relation \(relation) needs a term after it") }
        return .terms(try terms(term.text, relation: relation))
    }

    private func isComparator(_ token: CQLTokens.Token) -> Bool {
        token.isSymbol && !["(", ")", "/"].contains(token.text)
    }

    /// A relation word (`adj`, `all`, …) is one only when a term follows it, not a boolean.
    private func isNamedRelation(_ token: CQLTokens.Token) -> Bool {
        guard CQLTokens.namedRelations.contains(token.text.lowercased()), position + 1 < tokens.count else { return false }
        let after = tokens[position + 1]
        return after.quoted || !["and", "or", "not", "prox"].contains(after.text.lowercased()) && after.text != ")"
    }

    /// The archive terms of one CQL term: a phrase, or its words all needed (`all`) or as alternatives (`any`).
    private func terms(_ text: String, relation: String) throws -> CQLQuery.CNF {
        let words = relation == "all" || relation == "any" ? text.split(whereSeparator: \.isWhitespace).map(String.init) : [text]
        let terms = try words.map(term)
        guard !terms.isEmpty else { throw SRUDiagnostic.emptyTerm }
        return relation == "any" ? CQLQuery.CNF(groups: [terms]) : CQLQuery.CNF(groups: terms.map { [$0] })
    }

    private func term(_ text: String) throws -> SearchQuery.Term {
        var body = text.trimmingCharacters(in: .whitespaces)
        guard !body.isEmpty else { throw SRUDiagnostic.emptyTerm }
        if body.hasPrefix("^") || body.hasSuffix("^") { throw SRUDiagnostic(31, text, "Anchoring character not supported") }
        let prefix = body.hasSuffix("*")
        if prefix { body.removeLast() }
        guard !body.contains("*"), !body.contains("?") else { throw SRUDiagnostic.masking(text) }
        guard !SearchTokens.tokens(in: body, mode: .query).isEmpty else {
            throw SRUDiagnostic(36, text, "Term in invalid format: '\(text)' has no letters, characters or digits to search for")
        }
        return SearchQuery.Term(text: body, prefix: prefix)
    }
}
