import GRDB

/// How transcripts are paired with recordings in the archive: finding a recording by file
/// name, and linking a transcript taken in alone to the recording that arrives later.
enum PairingRecords {
    /// Transcripts not paired with a recording, in the order they were taken in.
    static func unpaired(_ db: Database) throws -> [TranscriptFile] {
        try TranscriptFile.filter(Column("recording_id") == nil).order(Column("id")).fetchAll(db)
    }

    /// The latest stored recording whose file name, in lower case, is `name`.
    static func latestRecording(named name: String, _ db: Database) throws -> Recording? {
        try Recording.filter(sql: "lower(original_name) = ?", arguments: [name]).order(Column("id").desc).fetchOne(db)
    }

    /// Recordings whose file name, in lower case, begins with `stem` and a dot, the latest first.
    static func recordings(withStem stem: String, _ db: Database) throws -> [Recording] {
        let pattern = stem.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + ".%"
        return try Recording.filter(sql: "lower(original_name) LIKE ? ESCAPE '\\'", arguments: [pattern])
            .order(Column("id").desc).fetchAll(db)
    }

    /// Links an unpaired transcript and its segments to the recording; false when another
    /// ingest paired it first.
    static func pair(transcriptId: Int64, with recordingId: Int64, _ db: Database) throws -> Bool {
        try db.execute(sql: "UPDATE transcript SET recording_id = ? WHERE id = ? AND recording_id IS NULL", arguments: [recordingId, transcriptId])
        guard db.changesCount == 1 else { return false }
        try db.execute(sql: "UPDATE segment SET recording_id = ? WHERE transcript_id = ?", arguments: [recordingId, transcriptId])
        return true
    }

    /// Files the transcript under another session.
    static func file(transcriptId: Int64, under sessionId: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE transcript SET session_id = ? WHERE id = ?", arguments: [sessionId, transcriptId])
    }

    /// The participants its segments name (nil for segments that name none).
    static func participants(ofTranscript id: Int64, _ db: Database) throws -> [String?] {
        try String?.fetchAll(db, sql: "SELECT DISTINCT participant FROM segment WHERE transcript_id = ?", arguments: [id])
    }

    static func setSpeaker(_ speakerId: String?, of participant: String?, inTranscript id: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE segment SET speaker_id = ? WHERE transcript_id = ? AND participant IS ?",
                       arguments: [speakerId, id, participant])
    }

    static func setKind(_ kind: TierKind, ofTier tier: String, inTranscript id: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE segment SET tier_kind = ? WHERE transcript_id = ? AND tier = ?", arguments: [kind.rawValue, id, tier])
    }

    /// Each segment that does not run backwards, as (tier, span), in tier and time order.
    static func forwardSpans(ofTranscript id: Int64, _ db: Database) throws -> [(tier: String, span: SegmentTiming.Span)] {
        try Row.fetchAll(db, sql: """
            SELECT tier, start_ms, end_ms FROM segment WHERE transcript_id = ? AND end_ms >= start_ms
            ORDER BY tier_index, start_ms
            """, arguments: [id]).map { ($0["tier"], SegmentTiming.Span(startMs: $0["start_ms"], endMs: $0["end_ms"])) }
    }
}
