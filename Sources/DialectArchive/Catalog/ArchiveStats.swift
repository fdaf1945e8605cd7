import GRDB

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
    public func stats() throws -> ArchiveStats {
        try database.read { db in
            var stats = ArchiveStats()
            let totals = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(sum(duration_ms), 0), coalesce(sum(size), 0) FROM recording WHERE withdrawn_at IS NULL")!
            stats.recordings = totals[0]
            stats.durationMs = totals[1]
            stats.bytes = totals[2]
            // Withdrawn material, and transcript revisions since replaced, do not count.
            stats.sessions = try Session.filter(sql: Withdrawal.present("session")).fetchCount(db)
            stats.speakers = try Speaker.fetchCount(db)
            stats.localities = try Locality.fetchCount(db)
            stats.collections = try ArchiveCollection.fetchCount(db)
            stats.transcripts = try TranscriptFile.filter(sql: Withdrawal.present("transcript")).filter(Column("replaced_by") == nil).fetchCount(db)
            stats.segments = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM segment JOIN transcript t ON t.id = segment.transcript_id WHERE t.withdrawn_at IS NULL
                """) ?? 0
            func lines(_ label: String, _ joins: String = "") throws -> [ArchiveStats.Line] {
                try Row.fetchAll(db, sql: """
                    SELECT coalesce(\(label), '(none)') AS label, count(DISTINCT recording.id), coalesce(sum(recording.duration_ms), 0)
                    FROM recording JOIN session ON session.id = recording.session_id
                    LEFT JOIN locality ON locality.id = session.locality_id \(joins)
                    WHERE recording.withdrawn_at IS NULL
                    GROUP BY 1 ORDER BY 1
                    """).map { ArchiveStats.Line(label: $0[0], recordings: $0[1], durationMs: $0[2]) }
            }
            stats.byLocality = try lines("locality.name || ' (' || locality.id || ')'")
            stats.byDialect = try lines("nullif(trim(coalesce(locality.dialect_group, '') || ' ' || coalesce(locality.dialect_subgroup, '')), '')")
            stats.bySpeakerRole = try lines("speaker.role", """
                LEFT JOIN session_participant p ON p.session_id = session.id AND p.role = 'speaker'
                LEFT JOIN speaker ON speaker.id = p.speaker_id
                """)
            stats.byContentType = try lines("session.content_type")
            stats.byFormat = try lines("recording.container || '/' || recording.codec")
            return stats
        }
    }
}
