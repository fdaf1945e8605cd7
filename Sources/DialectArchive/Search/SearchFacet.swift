/// The hits of a search counted by one facet (locality, dialect, role, …): each value with the
/// filter parameter and value that narrow the search to it.
public struct SearchFacet: Encodable, Equatable, Sendable {
    /// One value of a facet and how many hits have it.
    public struct Value: Encodable, Equatable, Sendable {
        /// What to give the facet's filter to narrow to these hits; nil for hits without a
        /// value (or whose value is withheld), which no filter selects.
        public var value: String?
        public var label: String
        public var hits: Int
    }

    /// `locality`, `dialect_group`, `dialect_subgroup`, `dialect_cluster`, `role`, `sex`,
    /// `content`, `tier_kind`, `collection`, `born` (decades) or `recorded` (years).
    public var name: String
    /// The search filter a value narrows by (`dialect` for the three dialect levels).
    public var filter: String
    public var values: [Value]
}
