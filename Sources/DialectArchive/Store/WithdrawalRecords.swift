import GRDB

/// How withdrawals are kept in the database: the `withdrawn_*` and `purged_at` columns of
/// session, recording and transcript, and what a purge deletes with the files.
extension Withdrawal {
    /// The withdrawal of the row `key` of `table` (session, recording or transcript); nil when
    /// the row is not withdrawn or does not exist.
    static func of(_ table: String, _ key: any SQLValueConvertible, _ db: StoreDatabase) throws -> Withdrawal? {
        guard let row = try db.row("SELECT withdrawn_at, withdrawn_by, withdrawn_reason, purged_at FROM \(table) WHERE id = ?", [key]),
              let at = row[0] as String? else { return nil }
        return Withdrawal(at: at, by: row[1] ?? "", reason: row[2] ?? "", purged: row[3])
    }

    /// SQL true when the row aliased `alias` (a session, recording or transcript) is not
    /// withdrawn; also true for the NULL row of a LEFT JOIN that found none.
    static func present(_ alias: String) -> String { "\(alias).withdrawn_at IS NULL" }

    /// The numbers of every withdrawn recording.
    static func withdrawnRecordings(_ db: StoreDatabase) throws -> Set<Int64> {
        Set(try db.values("SELECT id FROM recording WHERE withdrawn_at IS NOT NULL"))
    }

    /// The recordings and transcripts a withdrawal of the row `key` of `table` takes with it
    /// (a session's all, a recording's transcripts).
    static func members(of table: String, _ key: any SQLValueConvertible, _ db: StoreDatabase) throws -> (recordings: [Int64], transcripts: [Int64]) {
        let recordings: [Int64] = try db.values(table == "session"
            ? "SELECT id FROM recording WHERE session_id = ? ORDER BY id" : "SELECT id FROM recording WHERE id = ?", [key])
        let transcripts: [Int64] = try db.values(table == "session"
            ? "SELECT id FROM transcript WHERE session_id = ? ORDER BY id" : "SELECT id FROM transcript WHERE recording_id = ? ORDER BY id",
            [key])
        return (recordings, transcripts)
    }

    /// The stored files of these recordings and transcripts not purged yet, with their sizes.
    static func unpurgedFiles(recordings: [Int64], transcripts: [Int64], _ db: StoreDatabase) throws -> [(path: String, size: Int64)] {
        try db.rows("""
            SELECT stored_path, size FROM recording WHERE id IN \(idList(recordings)) AND purged_at IS NULL
            UNION ALL SELECT stored_path, size FROM transcript WHERE id IN \(idList(transcripts)) AND purged_at IS NULL
            ORDER BY 1
            """).map { (path: $0[0] as String, size: $0[1] as Int64) }
    }

    /// Marks the row `key` of `table` withdrawn, and its recordings and transcripts with it;
    /// parts withdrawn earlier on their own keep their own reason.
    static func mark(_ table: String, _ key: any SQLValueConvertible, recordings: [Int64], transcripts: [Int64],
                     at: String, by: String, reason: String, _ db: StoreDatabase) throws {
        let stamp: [any SQLValueConvertible] = [at, by, reason]
        let set = "SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ?"
        try db.execute("UPDATE \(table) \(set) WHERE id = ?", stamp + [key])
        try db.execute("UPDATE recording \(set) WHERE id IN \(idList(recordings)) AND withdrawn_at IS NULL", stamp)
        try db.execute("UPDATE transcript \(set) WHERE id IN \(idList(transcripts)) AND withdrawn_at IS NULL", stamp)
    }

    /// Marks them purged and deletes what was said in them: segments (their entries in the
    /// search index go with them) and fingerprints go with the files.
    static func markPurged(_ table: String, _ key: any SQLValueConvertible, recordings: [Int64], transcripts: [Int64],
                           at: String, _ db: StoreDatabase) throws {
        try db.execute("UPDATE \(table) SET purged_at = ? WHERE id = ?", [at, key])
        try db.execute("UPDATE recording SET purged_at = ? WHERE id IN \(idList(recordings)) AND purged_at IS NULL", [at])
        try db.execute("UPDATE transcript SET purged_at = ? WHERE id IN \(idList(transcripts)) AND purged_at IS NULL", [at])
        try db.execute("DELETE FROM segment WHERE transcript_id IN \(idList(transcripts))")
        try LandmarkRecords.remove(recordings: recordings, db)
    }

    /// Ids as an SQL list, `(1,2,3)`; `(NULL)` when there are none.
    private static func idList(_ ids: [Int64]) -> String {
        "(" + (ids.isEmpty ? "NULL" : ids.map(String.init).joined(separator: ",")) + ")"
    }
}
