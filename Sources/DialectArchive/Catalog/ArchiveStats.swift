/// Counts and hours of an archive, broken down as archivists report them.
public struct ArchiveStats: Encodable {
    /// One line of a breakdown: a label with its recordings and hours.
    public struct Line: Encodable, Equatable {
        public var label: String
        public var recordings: Int
        public var durationMs: Int64
    }

    public var recordings = 0
    public var durationMs: Int64 = 0
    public var bytes: Int64 = 0
    public var sessions = 0
    public var speakers = 0
    public var localities = 0
    public var collections = 0
    public var transcripts = 0
    public var segments = 0
    public var byLocality: [Line] = []
    public var byDialect: [Line] = []
    public var bySpeakerRole: [Line] = []
    public var byContentType: [Line] = []
    public var byFormat: [Line] = []
}

extension Archive {
    /// The figures of what `reader` may see: recordings, sessions, transcripts and segments
    /// withheld from them are not counted (speakers, localities and collections are listed by
    /// id to anyone, so all of them are).
    public func stats(as reader: Reader) throws -> ArchiveStats {
        let audible = reader.recordingCondition.map { "AND \($0)" } ?? ""
        let visible = reader.sessionCondition.map { "AND \($0)" } ?? ""
        return try store.read { db in try ArchiveStatsRecords.stats(audible: audible, visible: visible, db) }
    }
}
