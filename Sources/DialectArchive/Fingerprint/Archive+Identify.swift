import Foundation
import GRDB

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
    /// Which archived recordings contain the audio of `file`, where, and how sure.
    ///
    /// ```swift
    /// for match in try archive.identify(URL(fileURLWithPath: "excerpt.mp3")) {
    ///     print(match.recordingFile, match.offsetMs, match.confidence)
    /// }
    /// ```
    public func identify(_ file: URL) throws -> [AudioMatch] {
        let analysis = try AudioAnalyzer.analyze(file, fingerprinting: true)
        return try identify(landmarks: analysis.fingerprint?.landmarks ?? [])
    }

    /// Matches already computed landmarks against the archive.
    public func identify(landmarks: [Landmark], excluding excluded: Int64? = nil) throws -> [AudioMatch] {
        guard !landmarks.isEmpty else { return [] }
        return try database.read { db in try matches(for: landmarks, excluding: excluded, db) }
    }

    func matches(for landmarks: [Landmark], excluding excluded: Int64?, _ db: Database) throws -> [AudioMatch] {
        let candidates = try FingerprintMatcher.candidates(for: landmarks) { hashes in
            var found: [Int32: [FingerprintMatcher.Occurrence]] = [:]
            let list = Array(hashes)
            for start in stride(from: 0, to: list.count, by: 500) {
                let chunk = list[start..<min(start + 500, list.count)]
                let sql = "SELECT hash, recording_id, frame FROM landmark WHERE hash IN (\(chunk.map(String.init).joined(separator: ",")))"
                let cursor = try Row.fetchCursor(db, sql: sql)
                while let row = try cursor.next() {
                    let recording: Int64 = row[1]
                    if recording == excluded { continue }
                    found[row[0], default: []].append(FingerprintMatcher.Occurrence(recordingId: recording, frame: row[2]))
                }
            }
            return found
        }
        let frameMs = FingerprintParameters.frameMs
        let queryFrames = Double((landmarks.map(\.frame).max() ?? 0) - (landmarks.map(\.frame).min() ?? 0) + 1)
        return try candidates.compactMap { candidate in
            guard let recording = try Recording.fetchOne(db, key: candidate.recordingId) else { return nil }
            let distinctQuery = Set(landmarks).count
            let score = min(1, Double(candidate.alignedHashes) / Double(max(1, distinctQuery)))
            let spanShare = Double(candidate.lastQueryFrame - candidate.firstQueryFrame + 1) / queryFrames
            let confidence: String
            if candidate.alignedHashes >= 40 || (candidate.alignedHashes >= 20 && score >= 0.1) { confidence = "certain" }
            else if candidate.alignedHashes >= 15 && spanShare >= 0.3 { confidence = "likely" }
            else { confidence = "possible" }
            let offset = candidate.offsetFrames * frameMs
            return AudioMatch(
                recordingId: candidate.recordingId, recordingFile: recording.originalName, sessionId: recording.sessionId,
                recordingDurationMs: recording.durationMs,
                offsetMs: Int64(offset.rounded()),
                queryStartMs: Int64((Double(candidate.firstQueryFrame) * frameMs).rounded()),
                queryEndMs: Int64((Double(candidate.lastQueryFrame) * frameMs + Double(FingerprintParameters.fftSize) * 1000 / Double(FingerprintParameters.sampleRate)).rounded()),
                recordingStartMs: Int64((Double(candidate.firstQueryFrame) * frameMs + offset).rounded()),
                recordingEndMs: Int64((Double(candidate.lastQueryFrame) * frameMs + offset + Double(FingerprintParameters.fftSize) * 1000 / Double(FingerprintParameters.sampleRate)).rounded()),
                alignedHashes: candidate.alignedHashes, queryHashes: distinctQuery, score: score, confidence: confidence)
        }
    }

    /// Stores a recording's fingerprints.
    func storeFingerprint(_ fingerprint: AudioFingerprint, recordingId: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO landmark (hash, recording_id, frame) VALUES (?, ?, ?)")
        for landmark in fingerprint.landmarks {
            try statement.execute(arguments: [landmark.hash, recordingId, landmark.frame])
        }
        try db.execute(sql: "UPDATE recording SET chromaprint = ?, fingerprint_version = ? WHERE id = ?",
                       arguments: [fingerprint.chromaprint, FingerprintParameters.version, recordingId])
    }
}
