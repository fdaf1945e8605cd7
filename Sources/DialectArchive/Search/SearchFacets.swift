import Foundation

/// What a segment is, beside its text, written into the search index as facet tokens so that
/// the commonest filters narrow a search inside FTS5 instead of row by row afterwards:
/// its session's locality (`l`), dialect group (`g`) and content type (`t`), its speaker's
/// role (`r`) and its tier's kind (`k`).
///
/// Each token is the facet marker (U+FDD0, a noncharacter), the facet's letter and the value
/// with spaces as `_`, so any value is one token (two values that differ only there share it,
/// which the SQL conditions sort out). They are stored in `segment.facets` and indexed
/// after the segment's text, in the same column (the index stays small that way), through the
/// view `segment_search`; triggers keep them in step whenever a segment is added or its
/// session, locality, speaker or tier changes. Facet tokens only narrow: the filters' SQL
/// conditions still decide, so a search is exact either way.
enum SearchFacets {
    static let marker = Unicode.Scalar(0xFDD0)!

    enum Facet: Character {
        case locality = "l", dialectGroup = "g", content = "t", role = "r", tierKind = "k"
        /// A role and a dialect group together: only PostgreSQL's index has it (`PostgresFacetPairs`).
        case roleAndDialectGroup = "x"
    }

    /// The token for a facet value, as the SQL below writes it.
    static func token(_ facet: Facet, _ value: String) -> String {
        String(marker) + String(facet.rawValue) + value.replacingOccurrences(of: " ", with: "_")
    }

    /// A token no segment has (every facet token has a letter after the marker).
    static let noSegment = String(marker) + "-"

    /// An FTS5 expression: a row with any of these facet values.
    static func anyOf(_ values: [(Facet, String)]) -> String {
        let tokens = values.isEmpty ? [noSegment] : values.map { token($0.0, $0.1) }
        return "(" + tokens.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " OR ") + ")"
    }
}
