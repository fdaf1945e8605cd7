/// The queries behind `duplicates` that need no fingerprint: the recordings, the other paths
/// each was found at, and recordings whose decoded samples are identical.
enum DuplicateRecords {
    /// Recordings not withdrawn, by id.
    static func recordings(_ db: StoreDatabase) throws -> [Recording] {
        try db.records(Recording.self, "SELECT * FROM recording WHERE \(Withdrawal.present("recording")) ORDER BY id")
    }

    /// Each recording seen at more than one path, with every path it was seen at, by recording.
    static func copies(_ db: StoreDatabase) throws -> [(recordingId: Int64, paths: [String])] {
        let groups: [(key: Int64, values: [String])] = grouped(try db.rows("""
            SELECT recording_id, source_path FROM recording_copy ORDER BY recording_id, seen_at, source_path
            """))
        return groups.map { ($0.key, $0.values) }
    }

    /// Groups of recordings not withdrawn whose decoded samples have the same checksum, each sorted.
    static func sameSamples(_ db: StoreDatabase) throws -> [[Int64]] {
        let groups: [(key: String, values: [Int64])] = grouped(try db.rows("""
            SELECT audio_sha256, id FROM recording WHERE withdrawn_at IS NULL ORDER BY audio_sha256, id
            """))
        return groups.filter { $0.values.count > 1 }.map(\.values)
    }

    /// Rows of (key, value), ordered by key, as one group per key in that order.
    private static func grouped<Key: SQLValueConvertible & Equatable, Value: SQLValueConvertible>(_ rows: [SQLRow]) -> [(key: Key, values: [Value])] {
        var groups: [(key: Key, values: [Value])] = []
        for row in rows {
            let key: Key = row[0], value: Value = row[1]
            if groups.last?.key == key { groups[groups.count - 1].values.append(value) } else { groups.append((key, [value])) }
        }
        return groups
    }
}
