/// How transcripts are paired with recordings in the archive: finding a recording by file
/// name, and linking a transcript taken in alone to the recording that arrives later.
enum PairingRecords {
    /// Transcripts not paired with a recording, in the order they were taken in.
    static func unpaired(_ db: StoreDatabase) throws -> [TranscriptFile] {
        try db.records(TranscriptFile.self, "SELECT * FROM transcript WHERE recording_id IS NULL ORDER BY id")
    }

    /// The latest stored recording whose file name, in lower case, is `name`.
    static func latestRecording(named name: String, _ db: StoreDatabase) throws -> Recording? {
        try db.record(Recording.self, "SELECT * FROM recording WHERE lower(original_name) = ? ORDER BY id DESC LIMIT 1", [name])
    }

    /// Recordings whose file name, in lower case, begins with `stem` and a dot, the latest first.
    static func recordings(withStem stem: String, _ db: StoreDatabase) throws -> [Recording] {
        let pattern = stem.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + ".%"
        return try db.records(Recording.self, "SELECT * FROM recording WHERE lower(original_name) LIKE ? ESCAPE '\\' ORDER BY id DESC", [pattern])
    }

    /// Links an unpaired transcript and its segments to the recording; false when another
    /// ingest paired it first.
    static func pair(transcriptId: Int64, with recordingId: Int64, _ db: StoreDatabase) throws -> Bool {
        guard try db.execute("UPDATE transcript SET recording_id = ? WHERE id = ? AND recording_id IS NULL", [recordingId, transcriptId]) == 1 else {
            return false
        }
        try db.execute("UPDATE segment SET recording_id = ? WHERE transcript_id = ?", [recordingId, transcriptId])
        return true
    }

    /// Files the transcript under another session.
    static func file(transcriptId: Int64, under sessionId: String, _ db: StoreDatabase) throws {
        try db.execute("UPDATE transcript SET session_id = ? WHERE id = ?", [sessionId, transcriptId])
    }

    /// The participants its segments name (nil for segments that name none).
    static func participants(ofTranscript id: Int64, _ db: StoreDatabase) throws -> [String?] {
        try db.values("SELECT DISTINCT participant FROM segment WHERE transcript_id = ?", [id], as: String?.self)
    }

    static func setSpeaker(_ speakerId: String?, of participant: String?, inTranscript id: Int64, _ db: StoreDatabase) throws {
        try db.execute("UPDATE segment SET speaker_id = ? WHERE transcript_id = ? AND participant IS NOT DISTINCT FROM ?",
                       [speakerId, id, participant])
    }

    static func setKind(_ kind: TierKind, ofTier tier: String, inTranscript id: Int64, _ db: StoreDatabase) throws {
        try db.execute("UPDATE segment SET tier_kind = ? WHERE transcript_id = ? AND tier = ?", [kind.rawValue, id, tier])
    }

    /// Each segment that does not run backwards, as (tier, span), in tier and time order.
    static func forwardSpans(ofTranscript id: Int64, _ db: StoreDatabase) throws -> [(tier: String, span: SegmentTiming.Span)] {
        try db.rows("""
            SELECT tier, start_ms, end_ms FROM segment WHERE transcript_id = ? AND end_ms >= start_ms
            ORDER BY tier_index, start_ms
            """, [id]).map { ($0["tier"], SegmentTiming.Span(startMs: $0["start_ms"], endMs: $0["end_ms"])) }
    }
}
