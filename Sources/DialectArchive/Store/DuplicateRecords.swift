import GRDB

/// The queries behind `duplicates` that need no fingerprint: the recordings, the other paths
/// each was found at, and recordings whose decoded samples are identical.
enum DuplicateRecords {
    /// Recordings not withdrawn, by id.
    static func recordings(_ db: Database) throws -> [Recording] {
        try Recording.filter(sql: Withdrawal.present("recording")).order(Column("id")).fetchAll(db)
    }

    /// Each recording seen at more than one path, with every path it was seen at, by recording.
    static func copies(_ db: Database) throws -> [(recordingId: Int64, paths: [String])] {
        try Row.fetchAll(db, sql: """
            SELECT recording_id, group_concat(source_path, char(10)) FROM recording_copy GROUP BY recording_id ORDER BY recording_id
            """).map { ($0[0], ($0[1] as String).split(separator: "\n").map(String.init)) }
    }

    /// Groups of recordings not withdrawn whose decoded samples have the same checksum, each sorted.
    static func sameSamples(_ db: Database) throws -> [[Int64]] {
        try Row.fetchAll(db, sql: "SELECT group_concat(id) FROM recording WHERE withdrawn_at IS NULL GROUP BY audio_sha256 HAVING count(*) > 1")
            .map { ($0[0] as String).split(separator: ",").compactMap { Int64($0) }.sorted() }
    }
}
