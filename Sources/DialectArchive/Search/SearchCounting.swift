/// How much of a search's hits beyond its page to count.
public enum SearchCounting: Sendable {
    /// The page only: `total` is the page's hits and those before it, a lower bound, for
    /// callers that read the hits themselves.
    case page
    /// The exact total of every hit, without the counts per locality, dialect group and facet;
    /// taken from `cache` when the same total was counted for the same kind of reader since the
    /// archive last changed.
    case total(cache: SearchCountCache?)
    /// The exact total and the counts per locality, dialect group and facet; taken from `cache`
    /// when the same counts were made for the same kind of reader since the archive last changed.
    case facets(cache: SearchCountCache?)
}
