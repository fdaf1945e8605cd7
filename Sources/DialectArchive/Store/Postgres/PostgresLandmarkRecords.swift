import PostgresNIO

/// How landmarks are kept on PostgreSQL: a row per hash holding all its (recording, frame)
/// pairs (`PostgresLandmarkPostings`) in `landmark_posting`, with a recording's new landmarks in
/// `landmark_posting_recent` until they are merged in many at a time, as SQLite keeps them in
/// `landmark_recent`. Each call runs inside the caller's transaction on `database`.
enum PostgresLandmarkRecords {
    /// The advisory lock a merge holds until it commits: two merges at once would rewrite the
    /// same hashes' rows in different orders.
    static let mergeLock: Int64 = 0x6c61_6e64_6d00

    /// Counts, for `matcher`, the stored landmarks that share the hashes it looks up (leaving
    /// out the recording `excluded`).
    static func vote(_ matcher: FingerprintMatcher, excluding excluded: Int64?, _ database: PostgresDatabase) throws {
        guard !matcher.hashes.isEmpty else { return }
        let hashes = matcher.hashesToLookUp(archived: try archivedCounts(matcher.hashes, database))
        guard !hashes.isEmpty else { return }
        // Unsorted: a hash's rows from both tables vote one after the other or apart, alike.
        let rows = try database.rows("""
            SELECT hash, postings FROM landmark_posting WHERE hash = ANY(\(hashes))
            UNION ALL SELECT hash, postings FROM landmark_posting_recent WHERE hash = ANY(\(hashes))
            """)
        for row in rows {
            let (hash, postings) = try row.decode((Int32, ByteBuffer).self)
            matcher.vote(hash: hash) { count in
                PostgresLandmarkPostings.forEach(in: postings) { recording, frame in
                    if recording != excluded { count(recording, frame) }
                }
            }
        }
    }

    /// How many stored landmarks hold each of `hashes`, from the length of their postings,
    /// which PostgreSQL knows without reading them.
    static func archivedCounts(_ hashes: [Int32], _ database: PostgresDatabase) throws -> [Int] {
        let position = Dictionary(uniqueKeysWithValues: zip(hashes, hashes.indices))
        var counts = [Int](repeating: 0, count: hashes.count)
        for row in try database.rows("""
            SELECT hash, sum(octet_length(postings))::bigint FROM (
                SELECT hash, postings FROM landmark_posting WHERE hash = ANY(\(hashes))
                UNION ALL SELECT hash, postings FROM landmark_posting_recent WHERE hash = ANY(\(hashes))) AS stored
            GROUP BY hash
            """) {
            let (hash, bytes) = try row.decode((Int32, Int64).self)
            if let i = position[hash] { counts[i] = Int(bytes) / PostgresLandmarkPostings.pairBytes }
        }
        return counts
    }

    /// Adds a recording's landmarks to the recent table with one `COPY`, a row per hash.
    static func store(_ landmarks: [Landmark], of recordingId: Int64, _ database: PostgresDatabase) throws {
        let keys = Set(landmarks).sorted { ($0.hash, $0.frame) < ($1.hash, $1.frame) }
        guard !keys.isEmpty else { return }
        var lines = PostgresLandmarkPostings.Lines()
        for landmark in keys { lines.add(hash: landmark.hash, recordingId: recordingId, frame: landmark.frame) }
        lines.finish()
        let chunk = CopyChunk(lines.take())
        try database.copy(into: "landmark_posting_recent", columns: ["hash", "postings"], bytes: { chunk.take() })
    }

    /// How many landmarks the recent table holds.
    static func recentCount(_ database: PostgresDatabase) throws -> Int {
        let bytes = try database.rows("SELECT coalesce(sum(octet_length(postings)), 0)::bigint FROM landmark_posting_recent")[0].decode(Int64.self)
        return Int(bytes) / PostgresLandmarkPostings.pairBytes
    }

    /// Moves the recent table's landmarks into the main one, appended to their hashes' rows.
    /// One statement deletes exactly the rows it moves, so landmarks another ingest commits
    /// meanwhile stay in the recent table for the next merge.
    static func merge(_ database: PostgresDatabase) throws {
        try database.execute("SELECT pg_advisory_xact_lock(\(mergeLock))")
        try database.execute("""
            WITH moved AS (DELETE FROM landmark_posting_recent RETURNING hash, postings)
            INSERT INTO landmark_posting (hash, postings)
            SELECT hash, string_agg(postings, ''::bytea) FROM moved GROUP BY hash ORDER BY hash
            ON CONFLICT (hash) DO UPDATE SET postings = landmark_posting.postings || excluded.postings
            """)
    }

    /// Removes every landmark of these recordings from both tables: each row holding one of
    /// them keeps its other pairs, and a row left with none goes.
    static func remove(recordings ids: [Int64], _ database: PostgresDatabase) throws {
        guard !ids.isEmpty else { return }
        let keys = ids.map { "int8send(\($0)::bigint)" }.joined(separator: ", ")
        let holdsOne = ids.map { "position(int8send(\($0)::bigint) in postings) > 0" }.joined(separator: " OR ")
        for table in ["landmark_posting", "landmark_posting_recent"] {
            try database.execute(PostgresQuery(unsafeSQL: """
                UPDATE \(table) SET postings = (
                    SELECT coalesce(string_agg(substring(postings from i for 12), ''::bytea ORDER BY i), ''::bytea)
                    FROM generate_series(1, octet_length(postings), 12) AS i
                    WHERE substring(postings from i for 8) NOT IN (\(keys)))
                WHERE \(holdsOne)
                """))
            try database.execute(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE octet_length(postings) = 0"))
        }
    }

    /// Every stored landmark whose recording `keep` accepts (by recording and frame), read a
    /// page of hashes at a time.
    static func forEach(_ keep: (Int64, Int32) -> Bool, _ landmark: (Int64, Landmark) -> Void, _ database: PostgresDatabase) throws {
        func read(_ rows: [PostgresRow]) throws {
            for row in rows {
                let (hash, postings) = try row.decode((Int32, ByteBuffer).self)
                PostgresLandmarkPostings.forEach(in: postings) { recording, frame in
                    if keep(recording, frame) { landmark(recording, Landmark(hash: hash, frame: frame)) }
                }
            }
        }
        var after = Int64(Int32.min) - 1
        while true {
            let rows = try database.rows("SELECT hash, postings FROM landmark_posting WHERE hash > \(after) ORDER BY hash LIMIT \(pageSize)")
            try read(rows)
            guard rows.count == pageSize, let last = rows.last else { break }
            after = Int64(try last.decode((Int32, ByteBuffer).self).0)
        }
        try read(try database.rows("SELECT hash, postings FROM landmark_posting_recent"))
    }

    /// Hashes read per page by `forEach`.
    private static let pageSize = 20_000
}

/// One COPY chunk, handed over once.
private final class CopyChunk: @unchecked Sendable {
    private var buffer: ByteBuffer?
    init(_ buffer: ByteBuffer) { self.buffer = buffer }
    func take() -> ByteBuffer? {
        defer { buffer = nil }
        return buffer
    }
}
