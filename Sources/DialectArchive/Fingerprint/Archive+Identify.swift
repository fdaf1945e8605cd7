import Foundation
import GRDB
import GRDBSQLite

/// An archived recording that contains (part of) a query's audio, and where.
public struct AudioMatch: Encodable, Equatable {
    public var recordingId: Int64
    public var recordingFile: String
    public var sessionId: String
    public var recordingDurationMs: Int64
    /// Where the query's first sample lies in the recording (negative: the query starts earlier).
    public var offsetMs: Int64
    /// The matched stretch, in the query and in the recording.
    public var queryStartMs: Int64
    public var queryEndMs: Int64
    public var recordingStartMs: Int64
    public var recordingEndMs: Int64
    public var alignedHashes: Int
    public var queryHashes: Int
    /// 0–1: the share of the query's landmarks found at the matched offset.
    public var score: Double
    /// certain, likely or possible, in words an archivist can act on.
    public var confidence: String
}

extension Archive {
    /// Which archived recordings contain the audio of `file`, where, and how sure. Restricted
    /// and closed recordings are left out unless `includeRestricted`.
    ///
    /// ```swift
    /// for match in try archive.identify(URL(fileURLWithPath: "excerpt.mp3")) {
    ///     print(match.recordingFile, match.offsetMs, match.confidence)
    /// }
    /// ```
    public func identify(_ file: URL, includeRestricted: Bool = false) throws -> [AudioMatch] {
        let analysis = try AudioAnalyzer.analyze(file, fingerprinting: true)
        return try identify(landmarks: analysis.fingerprint?.landmarks ?? [], includeRestricted: includeRestricted)
    }

    /// Matches already computed landmarks against the archive.
    public func identify(landmarks: [Landmark], excluding excluded: Int64? = nil, includeRestricted: Bool = false) throws -> [AudioMatch] {
        guard !landmarks.isEmpty else { return [] }
        return try database.read { db in
            let found = try matches(for: landmarks, excluding: excluded, db)
            guard !includeRestricted, !found.isEmpty else { return found }
            let withheld = try AccessRules.withheldRecordings(db)
            return found.filter { withheld[$0.recordingId] == nil }
        }
    }

    /// The recordings that hold `landmarks`, as sure as `minimum` or surer. Ingest and
    /// `duplicates` ask only for likely and certain ones: a short recording (a word of a word
    /// list) aligns by chance with many others of the same voice, as possible matches.
    func matches(for landmarks: [Landmark], excluding excluded: Int64?,
                 atLeast minimum: FingerprintMatcher.Confidence = .possible, _ db: Database) throws -> [AudioMatch] {
        let matcher = FingerprintMatcher(query: landmarks)
        // One range of the (hash, recording, frame) key per hash in each of the two landmark
        // tables, read with SQLite's own calls: a lookup against many hours reads tens of
        // thousands of rows.
        let statement = try db.cachedStatement(sql: """
            SELECT recording_id, frame FROM landmark WHERE hash = ?1
            UNION ALL SELECT recording_id, frame FROM landmark_recent WHERE hash = ?1
            """)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        for hash in matcher.hashes {
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, Int64(hash))
            try matcher.vote(hash: hash) { count in
                try db.stepRows(handle) {
                    let recording = sqlite3_column_int64(handle, 0)
                    if recording != excluded { count(recording, Int32(truncatingIfNeeded: sqlite3_column_int64(handle, 1))) }
                }
            }
        }
        // A withdrawn recording is never named as a match: not by identify, duplicates nor ingest.
        let recordings = try db.cachedStatement(sql: "SELECT original_name, session_id, duration_ms FROM recording WHERE id = ? AND withdrawn_at IS NULL")
        let frameMs = FingerprintParameters.frameMs
        let spectrumMs = Double(FingerprintParameters.fftSize) * 1000 / Double(FingerprintParameters.sampleRate)
        return try matcher.candidates().compactMap { candidate in
            let confidence = matcher.confidence(of: candidate)
            guard confidence >= minimum,
                  let recording = try Row.fetchOne(recordings, arguments: [candidate.recordingId]) else { return nil }
            let distinctQuery = matcher.queryLandmarks
            let score = min(1, Double(candidate.alignedHashes) / Double(max(1, distinctQuery)))
            let offset = candidate.offsetFrames * frameMs
            let queryStart = Double(candidate.firstQueryFrame) * frameMs, queryEnd = Double(candidate.lastQueryFrame) * frameMs + spectrumMs
            return AudioMatch(
                recordingId: candidate.recordingId, recordingFile: recording[0], sessionId: recording[1],
                recordingDurationMs: recording[2],
                offsetMs: Int64(offset.rounded()),
                queryStartMs: Int64(queryStart.rounded()), queryEndMs: Int64(queryEnd.rounded()),
                recordingStartMs: Int64((queryStart + offset).rounded()), recordingEndMs: Int64((queryEnd + offset).rounded()),
                alignedHashes: candidate.alignedHashes, queryHashes: distinctQuery, score: score, confidence: confidence.rawValue)
        }
    }

    /// Rows of `landmark_recent` from which `mergeLandmarksIfMany` moves them into `landmark`
    /// (some three hours of speech; the table then still fits SQLite's page cache).
    static let recentLandmarkLimit = 1_000_000

    /// Moves the landmarks stored since the last merge from `landmark_recent` into `landmark`, in
    /// key order, in one transaction. Inserting a recording's landmarks straight into a large
    /// index would touch one page of it per landmark, scattered over the whole index; merging
    /// many recordings at once touches each page at most once, in order. Both tables are
    /// searched alike, so this changes what is stored where, never what is found.
    public func mergeLandmarks() throws {
        try requireWritable()
        try database.write { db in try Self.mergeLandmarks(db) }
    }

    /// Merges when `landmark_recent` holds `recentLandmarkLimit` rows or more; ingest and
    /// `refingerprint` call it when done.
    func mergeLandmarksIfMany() throws {
        try database.write { db in
            let recent = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM landmark_recent LIMIT ?)",
                                          arguments: [Self.recentLandmarkLimit]) ?? 0
            if recent >= Self.recentLandmarkLimit { try Self.mergeLandmarks(db) }
        }
    }

    private static func mergeLandmarks(_ db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO landmark (hash, recording_id, frame)
            SELECT hash, recording_id, frame FROM landmark_recent ORDER BY hash, recording_id, frame;
            DELETE FROM landmark_recent;
            """)
    }

    /// The INSERTs `storeFingerprint` uses, of 128, 32, 8 and 1 rows, written once.
    private static let landmarkInserts = [128, 32, 8, 1].map { rows in
        (rows: rows, sql: "INSERT OR IGNORE INTO landmark_recent (hash, recording_id, frame) VALUES "
                          + Array(repeating: "(?, ?, ?)", count: rows).joined(separator: ", "))
    }

    /// Stores a recording's fingerprints (its landmarks into `landmark_recent`).
    func storeFingerprint(_ fingerprint: AudioFingerprint, recordingId: Int64, _ db: Database) throws {
        // In key order, so that rows land next to each other; with SQLite's own calls, as a
        // recording of an hour has half a million landmarks, and many rows per statement.
        let keys = fingerprint.landmarks.map { UInt64(UInt32(bitPattern: $0.hash)) << 32 | UInt64(UInt32(bitPattern: $0.frame)) }.sorted()
        // Statements of 128, 32, 8 and 1 rows, each prepared once per connection: preparing one
        // of 128 rows costs as much as storing a few hundred landmarks, which is all a word of a
        // word list has.
        let statements = try Self.landmarkInserts.map { (rows: $0.rows, statement: try db.cachedStatement(sql: $0.sql)) }
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
        try db.cachedStatement(sql: "UPDATE recording SET chromaprint = ?, fingerprint_version = ? WHERE id = ?")
            .execute(arguments: [fingerprint.chromaprint, FingerprintParameters.version, recordingId])
    }
}
