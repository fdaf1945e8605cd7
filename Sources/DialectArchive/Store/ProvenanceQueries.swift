import GRDB

extension SessionParticipant {
    /// The speakers of a stored session, in the order they were given, as the `speakers` column
    /// of sessions.csv writes them (`S1;S2`); nil when it has none.
    static func speakerList(of session: String, _ db: StoreDatabase) throws -> String? {
        let ids = try db.values("""
            SELECT speaker_id FROM session_participant WHERE session_id = ? AND role = 'speaker' AND speaker_id IS NOT NULL
            ORDER BY \(insertionOrder(db))
            """, [session], as: String.self)
        return ids.isEmpty ? nil : ids.joined(separator: ";")
    }

    /// Replaces a session's participants: its speakers, and its recorder (a known speaker, or a name).
    static func replace(of session: Session, speakers: [String], _ db: StoreDatabase) throws {
        try db.execute("DELETE FROM session_participant WHERE session_id = ?", [session.id])
        for speakerId in speakers {
            try db.insert(SessionParticipant(sessionId: session.id, speakerId: speakerId, name: nil, role: "speaker"))
        }
        if let recorder = session.recorder {
            let known = try db.record(Speaker.self, id: recorder) != nil
            try db.insert(SessionParticipant(sessionId: session.id, speakerId: known ? recorder : nil,
                                             name: known ? nil : recorder, role: "recorder"))
        }
    }
}

extension TranscriptFile {
    /// The revision that `id` replaced; nil for a first revision.
    static func replaced(by id: Int64, _ db: StoreDatabase) throws -> TranscriptFile? {
        try db.record(TranscriptFile.self, "SELECT * FROM transcript WHERE replaced_by = ?", [id])
    }

    /// Marks the transcript `id` replaced by the revision `replacement` at `time`.
    static func markReplaced(_ id: Int64, by replacement: Int64, at time: String, _ db: StoreDatabase) throws {
        try db.execute("UPDATE transcript SET replaced_by = ?, replaced_at = ? WHERE id = ?", [replacement, time, id])
    }

    /// Numbers the stored transcript `id` as revision `revision` of its transcript.
    static func setRevision(_ revision: Int, of id: Int64, _ db: StoreDatabase) throws {
        try db.execute("UPDATE transcript SET revision = ? WHERE id = ?", [revision, id])
    }

    /// Files every transcript of a recording under the recording's session, as when it is refiled.
    static func file(transcriptsOf recording: Int64, under session: String, _ db: StoreDatabase) throws {
        try db.execute("UPDATE transcript SET session_id = ? WHERE recording_id = ?", [session, recording])
    }
}
