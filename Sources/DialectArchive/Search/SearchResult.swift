/// One hit of a search: the segment, where and by whom it was said, and what the other tiers
/// say over the same span.
public struct SearchHit: Encodable, Equatable {
    public var segmentId: Int64
    public var recordingId: Int64?
    public var recordingFile: String?
    public var sessionId: String
    public var speaker: SpeakerSummary?
    public var locality: LocalitySummary?
    /// 方言区 / 片 / 小片.
    public var dialect: String?
    public var tier: String
    public var tierKind: String
    public var startMs: Int64
    public var endMs: Int64
    /// The segment exactly as written.
    public var text: String
    /// The text with each match wrapped in `<mark>…</mark>`.
    public var highlighted: String
    /// Matches as [start, end) offsets in Unicode scalars of `text`.
    public var highlights: [[Int]]
    /// The other tiers over the same span (e.g. the IPA under the characters).
    public var parallel: [ParallelSegment]
}

/// Who said a hit.
public struct SpeakerSummary: Encodable, Equatable {
    public var id: String
    public var name: String?
    public var role: String?
    public var sex: String?
    public var birthYear: Int?
}

/// Where a hit was said.
public struct LocalitySummary: Encodable, Equatable {
    public var id: String
    public var name: String
}

/// A segment of another tier that overlaps a hit.
public struct ParallelSegment: Encodable, Equatable {
    public var tier: String
    public var tierKind: String
    public var startMs: Int64
    public var endMs: Int64
    public var text: String
}

/// A page of hits with the counts of all hits.
public struct SearchResult: Encodable {
    /// A count of hits for one locality or dialect group.
    public struct Count: Encodable, Equatable {
        public var label: String
        public var hits: Int
    }

    public var query: String
    public var total: Int
    public var offset: Int
    public var hits: [SearchHit]
    public var byLocality: [Count]
    public var byDialectGroup: [Count]
    /// Every hit counted by locality, dialect group/片/小片, role, sex, content type, tier kind,
    /// collection, birth decade and recording year.
    public var facets: [SearchFacet]
    /// True when restricted and closed material was asked for and is included.
    public var includesRestricted: Bool
}

/// How hits are ordered.
public enum SearchOrder: String, CaseIterable, Sendable {
    /// Archive order: recording by recording, in time order (fastest).
    case archive
    /// Best match first (FTS5 bm25).
    case relevance
    /// By dialect classification and locality, then time.
    case place
}
