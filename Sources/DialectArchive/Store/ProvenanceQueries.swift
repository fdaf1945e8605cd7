import GRDB

extension SessionParticipant {
    /// The speakers of a stored session, in the order they were given, as the `speakers` column
    /// of sessions.csv writes them (`S1;S2`); nil when it has none.
    static func speakerList(of session: String, _ db: Database) throws -> String? {
        let ids = try String.fetchAll(db.cachedStatement(sql: """
            SELECT speaker_id FROM session_participant WHERE session_id = ? AND role = 'speaker' AND speaker_id IS NOT NULL ORDER BY rowid
            """), arguments: [session])
        return ids.isEmpty ? nil : ids.joined(separator: ";")
    }
}

extension TranscriptFile {
    /// The revision that `id` replaced; nil for a first revision.
    static func replaced(by id: Int64, _ db: StoreDatabase) throws -> TranscriptFile? {
        try db.record(TranscriptFile.self, "SELECT * FROM transcript WHERE replaced_by = ?", [id])
    }

    /// Marks the transcript `id` replaced by the revision `replacement` at `time`.
    static func markReplaced(_ id: Int64, by replacement: Int64, at time: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE transcript SET replaced_by = ?, replaced_at = ? WHERE id = ?", arguments: [replacement, time, id])
    }

    /// Numbers the stored transcript `id` as revision `revision` of its transcript.
    static func setRevision(_ revision: Int, of id: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE transcript SET revision = ? WHERE id = ?", arguments: [revision, id])
    }

    /// Files every transcript of a recording under the recording's session, as when it is refiled.
    static func file(transcriptsOf recording: Int64, under session: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE transcript SET session_id = ? WHERE recording_id = ?", arguments: [session, recording])
    }
}
