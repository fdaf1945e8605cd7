/// What an ingest asks of the archive besides storing records: which ids exist, whether a
/// file was taken in before, which recording has the same samples, and a session's tier kinds.
enum IngestRecords {
    static func localityIds(_ db: StoreDatabase) throws -> Set<String> {
        Set(try db.values("SELECT id FROM locality", as: String.self))
    }

    static func speakerIds(_ db: StoreDatabase) throws -> Set<String> {
        Set(try db.values("SELECT id FROM speaker", as: String.self))
    }

    /// Whether a recording of `size` bytes was taken in from `path` before (as itself or as a copy).
    static func wasTakenIn(from path: String, size: Int64, _ db: StoreDatabase) throws -> Bool {
        try db.value("""
            SELECT EXISTS (SELECT 1 FROM recording WHERE size = ?1 AND (source_path = ?2
                OR id IN (SELECT recording_id FROM recording_copy WHERE source_path = ?2)))
            """, [size, path], as: Bool.self) ?? false
    }

    /// Notes that the recording's bytes were found at `path` too (once per path).
    static func noteCopy(of recordingId: Int64, at path: String, _ db: StoreDatabase) throws {
        try db.execute("INSERT INTO recording_copy (recording_id, source_path, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       [recordingId, path, CalendarDate.timestamp()])
    }

    /// The recording with these bytes, withdrawn or not.
    static func recording(withSHA256 sha256: String, _ db: StoreDatabase) throws -> Recording? {
        try db.record(Recording.self, "SELECT * FROM recording WHERE sha256 = ?", [sha256])
    }

    /// The transcript file with these bytes, withdrawn or not.
    static func transcript(withSHA256 sha256: String, _ db: StoreDatabase) throws -> TranscriptFile? {
        try db.record(TranscriptFile.self, "SELECT * FROM transcript WHERE sha256 = ?", [sha256])
    }

    /// A recording not withdrawn whose decoded samples have this checksum.
    static func recording(withSamples audioSHA256: String, _ db: StoreDatabase) throws -> Recording? {
        try db.record(Recording.self, "SELECT * FROM recording WHERE audio_sha256 = ? AND \(Withdrawal.present("recording")) ORDER BY id LIMIT 1",
                      [audioSHA256])
    }

    /// The recordings not withdrawn of a session.
    static func recordings(inSession id: String, _ db: StoreDatabase) throws -> [Recording] {
        try db.records(Recording.self, "SELECT * FROM recording WHERE session_id = ? AND \(Withdrawal.present("recording")) ORDER BY id", [id])
    }

    /// The session's `tier_kinds` as stored (see `TierKind.parse`).
    static func tierKinds(ofSession id: String, _ db: StoreDatabase) throws -> String? {
        try db.value("SELECT tier_kinds FROM session WHERE id = ?", [id], as: String.self)
    }

    static func durationMs(ofRecording id: Int64, _ db: StoreDatabase) throws -> Int64? {
        try db.value("SELECT duration_ms FROM recording WHERE id = ?", [id], as: Int64.self)
    }

    /// Whether a recording or transcript that is stored is kept at `path`.
    static func keepsFile(at path: String, _ db: StoreDatabase) throws -> Bool {
        try db.value("""
            SELECT EXISTS (SELECT 1 FROM recording WHERE stored_path = ?1) OR EXISTS (SELECT 1 FROM transcript WHERE stored_path = ?1)
            """, [path], as: Bool.self) ?? false
    }
}
