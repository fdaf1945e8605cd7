import GRDB

/// What an ingest asks of the archive besides storing records: which ids exist, whether a
/// file was taken in before, which recording has the same samples, and a session's tier kinds.
enum IngestRecords {
    static func localityIds(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT id FROM locality"))
    }

    static func speakerIds(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT id FROM speaker"))
    }

    /// Whether a recording of `size` bytes was taken in from `path` before (as itself or as a copy).
    static func wasTakenIn(from path: String, size: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM recording WHERE size = ?1 AND (source_path = ?2
                OR id IN (SELECT recording_id FROM recording_copy WHERE source_path = ?2)))
            """, arguments: [size, path]) ?? false
    }

    /// Notes that the recording's bytes were found at `path` too (once per path).
    static func noteCopy(of recordingId: Int64, at path: String, _ db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO recording_copy (recording_id, source_path, seen_at) VALUES (?, ?, ?)",
                       arguments: [recordingId, path, CalendarDate.timestamp()])
    }

    /// A recording not withdrawn whose decoded samples have this checksum.
    static func recording(withSamples audioSHA256: String, _ db: Database) throws -> Recording? {
        try Recording.filter(Column("audio_sha256") == audioSHA256).filter(sql: Withdrawal.present("recording")).fetchOne(db)
    }

    /// The recordings not withdrawn of a session.
    static func recordings(inSession id: String, _ db: Database) throws -> [Recording] {
        try Recording.filter(Column("session_id") == id).filter(sql: Withdrawal.present("recording")).fetchAll(db)
    }

    /// The session's `tier_kinds` as stored (see `TierKind.parse`).
    static func tierKinds(ofSession id: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT tier_kinds FROM session WHERE id = ?", arguments: [id])
    }

    static func durationMs(ofRecording id: Int64, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT duration_ms FROM recording WHERE id = ?", arguments: [id])
    }
}
