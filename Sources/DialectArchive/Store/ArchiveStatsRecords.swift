import GRDB

/// The queries behind `stats`: counts and hours of what a reader may see.
enum ArchiveStatsRecords {
    /// The figures, with `audible` and `visible` the reader's conditions on recordings and
    /// sessions (each empty or starting with `AND`).
    static func stats(audible: String, visible: String, _ db: Database) throws -> ArchiveStats {
        var stats = ArchiveStats()
        let totals = try Row.fetchOne(db, sql: """
            SELECT count(*), coalesce(sum(r.duration_ms), 0), coalesce(sum(r.size), 0)
            FROM recording r JOIN session se ON se.id = r.session_id WHERE r.withdrawn_at IS NULL \(audible)
            """)!
        stats.recordings = totals[0]
        stats.durationMs = totals[1]
        stats.bytes = totals[2]
        // Withdrawn material, and transcript revisions since replaced, do not count.
        stats.sessions = try Int.fetchOne(db, sql: "SELECT count(*) FROM session se WHERE \(Withdrawal.present("se")) \(visible)") ?? 0
        stats.speakers = try Speaker.fetchCount(db)
        stats.localities = try Locality.fetchCount(db)
        stats.collections = try ArchiveCollection.fetchCount(db)
        let transcripts = """
            FROM transcript t JOIN session se ON se.id = t.session_id LEFT JOIN recording r ON r.id = t.recording_id
            WHERE t.withdrawn_at IS NULL \(audible)
            """
        stats.transcripts = try Int.fetchOne(db, sql: "SELECT count(*) \(transcripts) AND t.replaced_by IS NULL") ?? 0
        stats.segments = try Int.fetchOne(db, sql: "SELECT count(*) FROM segment WHERE transcript_id IN (SELECT t.id \(transcripts))") ?? 0
        func lines(_ label: String, _ joins: String = "") throws -> [ArchiveStats.Line] {
            try Row.fetchAll(db, sql: """
                SELECT coalesce(\(label), '(none)') AS label, count(DISTINCT r.id), coalesce(sum(r.duration_ms), 0)
                FROM recording r JOIN session se ON se.id = r.session_id
                LEFT JOIN locality ON locality.id = se.locality_id \(joins)
                WHERE r.withdrawn_at IS NULL \(audible)
                GROUP BY 1 ORDER BY 1
                """).map { ArchiveStats.Line(label: $0[0], recordings: $0[1], durationMs: $0[2]) }
        }
        stats.byLocality = try lines("locality.name || ' (' || locality.id || ')'")
        stats.byDialect = try lines("nullif(trim(coalesce(locality.dialect_group, '') || ' ' || coalesce(locality.dialect_subgroup, '')), '')")
        stats.bySpeakerRole = try lines("speaker.role", """
            LEFT JOIN session_participant p ON p.session_id = se.id AND p.role = 'speaker'
            LEFT JOIN speaker ON speaker.id = p.speaker_id
            """)
        stats.byContentType = try lines("se.content_type")
        stats.byFormat = try lines("r.container || '/' || r.codec")
        return stats
    }
}
