/// The records an export selects and describes.
enum ExportRecords {
    /// Recordings not withdrawn, in sessions not withdrawn, of `collection` and of `sessions`
    /// (each when given), by collection, session and file name.
    static func recordings(collection: String?, sessions: [String], _ db: StoreDatabase) throws -> [Recording] {
        var sql = "SELECT recording.* FROM recording JOIN session ON session.id = recording.session_id WHERE recording.withdrawn_at IS NULL AND session.withdrawn_at IS NULL"
        var arguments: [any SQLValueConvertible] = []
        if let collection { sql += " AND session.collection_id = ?"; arguments.append(collection) }
        if !sessions.isEmpty {
            sql += " AND session.id IN (\(sessions.map { _ in "?" }.joined(separator: ",")))"
            arguments += sessions
        }
        sql += " ORDER BY session.collection_id, session.id, recording.original_name, recording.id"
        return try db.records(Recording.self, sql, arguments)
    }

    /// The transcript files of a recording not withdrawn, in the order stored: the current
    /// revisions, or those a later revision replaced.
    static func transcripts(ofRecording id: Int64, replaced: Bool, _ db: StoreDatabase) throws -> [TranscriptFile] {
        try db.records(TranscriptFile.self, """
            SELECT * FROM transcript WHERE recording_id = ? AND \(Withdrawal.present("transcript"))
              AND replaced_by IS \(replaced ? "NOT NULL" : "NULL") ORDER BY id
            """, [id])
    }
}
