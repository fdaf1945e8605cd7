/// The queries behind `verify`: the stored files with their checksums and when each was last
/// found intact.
enum FixityRecords {
    /// A stored original as `verify` checks it.
    struct StoredFile {
        /// `recording` or `transcript`.
        var kind: String
        var id: Int64
        var path: String
        var sha256: String
        var size: Int64
        var verifiedAt: String?
    }

    /// Every recording and transcript file not purged.
    static func storedFiles(_ db: StoreDatabase) throws -> [StoredFile] {
        try db.rows("""
            SELECT 'recording', id, stored_path, sha256, size, verified_at FROM recording WHERE purged_at IS NULL
            UNION ALL SELECT 'transcript', id, stored_path, sha256, size, verified_at FROM transcript WHERE purged_at IS NULL
            """).map { StoredFile(kind: $0[0], id: $0[1], path: $0[2], sha256: $0[3], size: $0[4], verifiedAt: $0[5]) }
    }

    /// How many files were purged (deleted on purpose, with an audit event).
    static func purgedFiles(_ db: StoreDatabase) throws -> Int {
        try db.value("""
            SELECT (SELECT count(*) FROM recording WHERE purged_at IS NOT NULL) + (SELECT count(*) FROM transcript WHERE purged_at IS NOT NULL)
            """, as: Int.self) ?? 0
    }

    /// Stamps a file found intact (`kind` is `recording` or `transcript`).
    static func markVerified(_ kind: String, _ id: Int64, at time: String, _ db: StoreDatabase) throws {
        let table = kind == "transcript" ? "transcript" : "recording"
        try db.execute("UPDATE \(table) SET verified_at = ? WHERE id = ?", [time, id])
    }

    /// The stored path of every recording and transcript, purged or not.
    static func everyStoredPath(_ db: StoreDatabase) throws -> [String] {
        try db.values("SELECT stored_path FROM recording UNION ALL SELECT stored_path FROM transcript")
    }
}
