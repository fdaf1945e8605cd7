import GRDB

/// The recordings an export selects.
enum ExportRecords {
    /// Recordings not withdrawn, in sessions not withdrawn, of `collection` and of `sessions`
    /// (each when given), by collection, session and file name.
    static func recordings(collection: String?, sessions: [String], _ db: Database) throws -> [Recording] {
        var sql = "SELECT recording.* FROM recording JOIN session ON session.id = recording.session_id WHERE recording.withdrawn_at IS NULL AND session.withdrawn_at IS NULL"
        var arguments = StatementArguments()
        if let collection { sql += " AND session.collection_id = ?"; arguments += [collection] }
        if !sessions.isEmpty {
            sql += " AND session.id IN (\(sessions.map { _ in "?" }.joined(separator: ",")))"
            arguments += StatementArguments(sessions)
        }
        sql += " ORDER BY session.collection_id, session.id, recording.original_name"
        return try Recording.fetchAll(db, sql: sql, arguments: arguments)
    }
}
