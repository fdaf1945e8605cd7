/// A search in the archive's own language as the peers of a federated search are asked it:
/// the same query in CQL (each word or phrase a quoted term, the groups joined by `AND`,
/// alternatives by `OR`, exclusions by `NOT`, a prefix as a `*` ending its term), and the
/// parts of the search that CQL cannot carry (filters), which the peers are not asked.
///
/// ```swift
/// let query = FederatedQuery(try SearchQuery("太阳 OR 日头 -月 tɕ*"))
/// query.cql   // ("太阳" OR "日头") AND "tɕ*" NOT "月"
/// ```
public struct FederatedQuery: Sendable, Equatable {
    /// The CQL query every peer is sent.
    public var cql: String
    /// What of the search the peers are not asked, as the researcher gave it (`locality=gz`).
    public var leftOut: [String]

    public init(_ query: SearchQuery, leftOut: [String] = []) {
        let required = query.groups.map { group in
            group.count == 1 ? Self.term(group[0]) : "(" + group.map(Self.term).joined(separator: " OR ") + ")"
        }
        // CQL's booleans bind left to right with equal precedence: every NOT after the
        // required part takes its term out of all of it, as `-word` does.
        cql = required.joined(separator: " AND ") + query.excluded.map { " NOT " + Self.term($0) }.joined()
        self.leftOut = leftOut
    }

    /// One word or phrase as a quoted CQL term; a prefix ends in an unescaped `*` (CQL's
    /// masking), while CQL's special characters in the text itself are escaped.
    static func term(_ term: SearchQuery.Term) -> String {
        var escaped = ""
        for character in term.text {
            if "\\\"*?^".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return "\"" + escaped + (term.prefix ? "*" : "") + "\""
    }
}
