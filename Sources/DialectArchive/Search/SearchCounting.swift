/// How much of a search's hits beyond its page to count.
public enum SearchCounting: Sendable {
    /// The page only: `total` is the page's hits and those before it, a lower bound, for
    /// callers that read the hits themselves.
    case page
    /// The exact total of every hit, without the counts per locality, dialect group and facet.
    case total
    /// The exact total and the counts per locality, dialect group and facet.
    case facets
}
