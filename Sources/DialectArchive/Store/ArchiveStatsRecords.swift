/// The queries behind `stats`: counts and hours of what a reader may see.
enum ArchiveStatsRecords {
    /// The figures, with `audible` and `visible` the reader's conditions on recordings and
    /// sessions (each empty or starting with `AND`).
    static func stats(audible: String, visible: String, _ db: StoreDatabase) throws -> ArchiveStats {
        var stats = ArchiveStats()
        let totals = try db.row("""
            SELECT count(*), \(total("r.duration_ms")), \(total("r.size"))
            FROM recording r JOIN session se ON se.id = r.session_id WHERE r.withdrawn_at IS NULL \(audible)
            """)!
        stats.recordings = totals[0]
        stats.durationMs = totals[1]
        stats.bytes = totals[2]
        // Withdrawn material, and transcript revisions since replaced, do not count.
        stats.sessions = try db.value("SELECT count(*) FROM session se WHERE \(Withdrawal.present("se")) \(visible)") ?? 0
        stats.speakers = try db.value("SELECT count(*) FROM speaker") ?? 0
        stats.localities = try db.value("SELECT count(*) FROM locality") ?? 0
        stats.collections = try db.value("SELECT count(*) FROM collection") ?? 0
        let transcripts = """
            FROM transcript t JOIN session se ON se.id = t.session_id LEFT JOIN recording r ON r.id = t.recording_id
            WHERE t.withdrawn_at IS NULL \(audible)
            """
        stats.transcripts = try db.value("SELECT count(*) \(transcripts) AND t.replaced_by IS NULL") ?? 0
        stats.segments = try db.value("SELECT count(*) FROM segment WHERE transcript_id IN (SELECT t.id \(transcripts))") ?? 0
        func lines(_ label: String, _ joins: String = "") throws -> [ArchiveStats.Line] {
            try db.rows("""
                SELECT coalesce(\(label), '(none)') AS label, count(DISTINCT r.id), \(total("r.duration_ms"))
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

    /// The sum of an integer column as an integer, 0 for no rows: PostgreSQL's `sum` of a
    /// `bigint` is a `numeric`, which comes back as no number the archive reads.
    private static func total(_ column: String) -> String {
        "CAST(coalesce(sum(\(column)), 0) AS bigint)"
    }
}
