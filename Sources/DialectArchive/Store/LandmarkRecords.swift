import GRDB
import GRDBSQLite

/// How audio landmarks are kept: new recordings' in `landmark_recent`, merged many at a time
/// into `landmark` (see `Archive.mergeLandmarks`), both looked up by hash. On PostgreSQL they
/// are packed a row per hash (`PostgresLandmarkRecords`), with the same recent table and merge.
enum LandmarkRecords {
    /// Counts, for `matcher`, the archived landmarks that share the hashes it looks up with its
    /// query (leaving out the recording `excluded`).
    static func vote(_ matcher: FingerprintMatcher, excluding excluded: Int64?, _ db: StoreDatabase) throws {
        switch db.connection {
        case .sqlite(let sqlite): try vote(matcher, excluding: excluded, sqlite)
        case .postgres(let postgres): try PostgresLandmarkRecords.vote(matcher, excluding: excluded, postgres)
        }
    }

    private static func vote(_ matcher: FingerprintMatcher, excluding excluded: Int64?, _ db: Database) throws {
        let hashes = matcher.hashesToLookUp(archived: try archivedCounts(matcher.hashes, db))
        // One range of the (hash, recording, frame) key per hash in each of the two landmark
        // tables, read with SQLite's own calls: a lookup against many hours reads a hundred
        // thousand rows.
        let statement = try db.cachedStatement(sql: """
            SELECT recording_id, frame FROM landmark WHERE hash = ?1
            UNION ALL SELECT recording_id, frame FROM landmark_recent WHERE hash = ?1
            """)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        for hash in hashes {
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, Int64(hash))
            try matcher.vote(hash: hash) { count in
                try db.stepRows(handle) {
                    let recording = sqlite3_column_int64(handle, 0)
                    if recording != excluded { count(recording, Int32(truncatingIfNeeded: sqlite3_column_int64(handle, 1))) }
                }
            }
        }
    }

    /// How many archived landmarks hold each of `hashes`: `landmark`'s as kept in
    /// `landmark_hash`, and `landmark_recent`'s counted.
    static func archivedCounts(_ hashes: [Int32], _ db: StoreDatabase) throws -> [Int] {
        switch db.connection {
        case .sqlite(let sqlite): return try archivedCounts(hashes, sqlite)
        case .postgres(let postgres): return try PostgresLandmarkRecords.archivedCounts(hashes, postgres)
        }
    }

    private static func archivedCounts(_ hashes: [Int32], _ db: Database) throws -> [Int] {
        let statement = try db.cachedStatement(sql: """
            SELECT coalesce((SELECT landmarks FROM landmark_hash WHERE hash = ?1), 0)
                 + (SELECT count(*) FROM landmark_recent WHERE hash = ?1)
            """)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var counts: [Int] = []
        counts.reserveCapacity(hashes.count)
        for hash in hashes {
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, Int64(hash))
            try db.stepRows(handle) { counts.append(Int(sqlite3_column_int64(handle, 0))) }
        }
        return counts
    }

    /// What a match names of its recording; nil when it is withdrawn, as a withdrawn
    /// recording is never named as a match: not by identify, duplicates nor ingest.
    static func matchedRecording(_ id: Int64, _ db: StoreDatabase) throws -> (file: String, sessionId: String, durationMs: Int64)? {
        try db.row("SELECT original_name, session_id, duration_ms FROM recording WHERE id = ? AND withdrawn_at IS NULL", [id])
            .map { ($0[0], $0[1], $0[2]) }
    }

    /// How many landmarks the recent table holds, counting no further than `limit` on SQLite.
    static func recentCount(upTo limit: Int, _ db: StoreDatabase) throws -> Int {
        switch db.connection {
        case .sqlite: return try db.value("SELECT count(*) FROM (SELECT 1 FROM landmark_recent LIMIT ?)", [limit], as: Int.self) ?? 0
        case .postgres(let postgres): return try PostgresLandmarkRecords.recentCount(postgres)
        }
    }

    /// Moves the recent landmarks into the main table, in key order.
    static func merge(_ db: StoreDatabase) throws {
        switch db.connection {
        case .sqlite(let sqlite):
            try sqlite.execute(sql: """
                INSERT OR IGNORE INTO landmark (hash, recording_id, frame)
                SELECT hash, recording_id, frame FROM landmark_recent ORDER BY hash, recording_id, frame;
                DELETE FROM landmark_recent;
                """)
        case .postgres(let postgres): try PostgresLandmarkRecords.merge(postgres)
        }
    }

    /// The INSERTs `store` uses, of 128, 32, 8 and 1 rows, written once.
    private static let inserts = [128, 32, 8, 1].map { rows in
        (rows: rows, sql: "INSERT OR IGNORE INTO landmark_recent (hash, recording_id, frame) VALUES "
                          + Array(repeating: "(?, ?, ?)", count: rows).joined(separator: ", "))
    }

    /// Stores a recording's fingerprints: its landmarks into the recent table, its Chromaprint
    /// and the fingerprint's version into its row.
    static func store(_ fingerprint: AudioFingerprint, recordingId: Int64, _ db: StoreDatabase) throws {
        switch db.connection {
        case .sqlite(let sqlite): try store(fingerprint.landmarks, recordingId: recordingId, sqlite)
        case .postgres(let postgres): try PostgresLandmarkRecords.store(fingerprint.landmarks, of: recordingId, postgres)
        }
        try db.execute("UPDATE recording SET chromaprint = ?, fingerprint_version = ? WHERE id = ?",
                       [fingerprint.chromaprint, FingerprintParameters.version, recordingId])
    }

    private static func store(_ landmarks: [Landmark], recordingId: Int64, _ db: Database) throws {
        // In key order, so that rows land next to each other; with SQLite's own calls, as a
        // recording of an hour has half a million landmarks, and many rows per statement.
        let keys = landmarks.map { UInt64(UInt32(bitPattern: $0.hash)) << 32 | UInt64(UInt32(bitPattern: $0.frame)) }.sorted()
        // Statements of 128, 32, 8 and 1 rows, each prepared once per connection: preparing one
        // of 128 rows costs as much as storing a few hundred landmarks, which is all a word of a
        // word list has.
        let statements = try Self.inserts.map { (rows: $0.rows, statement: try db.cachedStatement(sql: $0.sql)) }
        var start = 0
        while start < keys.count {
            let (rows, statement) = statements.first { $0.rows <= keys.count - start }!
            let handle = statement.sqliteStatement
            sqlite3_reset(handle)
            for row in 0..<rows {
                let key = keys[start + row], parameter = Int32(3 * row)
                sqlite3_bind_int64(handle, parameter + 1, Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32))))
                sqlite3_bind_int64(handle, parameter + 2, recordingId)
                sqlite3_bind_int64(handle, parameter + 3, Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: key))))
            }
            try db.stepRows(handle) {}
            sqlite3_reset(handle)
            start += rows
        }
    }

    /// A recording whose fingerprint `refingerprint` would compute again.
    struct Outdated {
        var id: Int64
        var path: String
        var sha256: String
        var size: Int64
    }

    /// The recordings with no fingerprint or one older than `FingerprintParameters.version`, by id.
    static func outdated(_ db: StoreDatabase) throws -> [Outdated] {
        try db.rows("""
            SELECT id, stored_path, sha256, size FROM recording
            WHERE fingerprint_version IS NULL OR fingerprint_version != ? ORDER BY id
            """, [FingerprintParameters.version]).map { Outdated(id: $0[0], path: $0[1], sha256: $0[2], size: $0[3]) }
    }

    /// Removes every landmark of these recordings, from both tables.
    static func remove(recordings ids: [Int64], _ db: StoreDatabase) throws {
        guard !ids.isEmpty else { return }
        switch db.connection {
        case .sqlite(let sqlite):
            let list = ids.map(String.init).joined(separator: ",")
            try sqlite.execute(sql: "DELETE FROM landmark WHERE recording_id IN (\(list)); DELETE FROM landmark_recent WHERE recording_id IN (\(list))")
        case .postgres(let postgres): try PostgresLandmarkRecords.remove(recordings: ids, postgres)
        }
    }

    /// The sample (see `Landmark.sampleStride`) of every fingerprinted recording not withdrawn,
    /// read in one pass over the landmark tables, which are ordered by hash rather than by
    /// recording, so the time grows with the archive and not with the archive times its recordings.
    static func samples(limit: Int, _ db: StoreDatabase) throws -> [Int64: [Landmark]] {
        var strides: [Int64: Int32] = [:]
        for row in try db.rows("SELECT id, duration_ms FROM recording WHERE fingerprint_version IS NOT NULL AND withdrawn_at IS NULL") {
            strides[row[0]] = Landmark.sampleStride(durationMs: row[1], limit: limit)
        }
        var samples: [Int64: [Landmark]] = [:]
        let sqlite: Database
        switch db.connection {
        case .sqlite(let connection): sqlite = connection
        case .postgres(let postgres):
            try PostgresLandmarkRecords.forEach({ recording, frame in strides[recording].map { frame % $0 == 0 } ?? false },
                                                { recording, landmark in samples[recording, default: []].append(landmark) }, postgres)
            return samples
        }
        let statement = try sqlite.makeStatement(sql: """
            SELECT recording_id, hash, frame FROM landmark UNION ALL SELECT recording_id, hash, frame FROM landmark_recent
            """)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        try sqlite.stepRows(handle) {
            let recording = sqlite3_column_int64(handle, 0)
            let frame = Int32(truncatingIfNeeded: sqlite3_column_int64(handle, 2))
            guard let stride = strides[recording], frame % stride == 0 else { return }
            samples[recording, default: []].append(Landmark(hash: Int32(truncatingIfNeeded: sqlite3_column_int64(handle, 1)), frame: frame))
        }
        return samples
    }
}
