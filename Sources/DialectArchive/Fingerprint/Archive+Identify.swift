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
        return try database!.read { db in
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
        try LandmarkRecords.vote(matcher, excluding: excluded, db)
        // A withdrawn recording is never named as a match: not by identify, duplicates nor ingest.
        let frameMs = FingerprintParameters.frameMs
        let spectrumMs = Double(FingerprintParameters.fftSize) * 1000 / Double(FingerprintParameters.sampleRate)
        return try matcher.candidates().compactMap { candidate in
            let confidence = matcher.confidence(of: candidate)
            guard confidence >= minimum,
                  let recording = try LandmarkRecords.matchedRecording(candidate.recordingId, db) else { return nil }
            let distinctQuery = matcher.queryLandmarks
            let score = min(1, Double(candidate.alignedHashes) / Double(max(1, distinctQuery)))
            let offset = candidate.offsetFrames * frameMs
            let queryStart = Double(candidate.firstQueryFrame) * frameMs, queryEnd = Double(candidate.lastQueryFrame) * frameMs + spectrumMs
            return AudioMatch(
                recordingId: candidate.recordingId, recordingFile: recording.file, sessionId: recording.sessionId,
                recordingDurationMs: recording.durationMs,
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
        try database!.write { db in try LandmarkRecords.merge(db) }
    }

    /// Merges when `landmark_recent` holds `recentLandmarkLimit` rows or more; ingest and
    /// `refingerprint` call it when done.
    func mergeLandmarksIfMany() throws {
        try database?.write { db in
            if try LandmarkRecords.recentCount(upTo: Self.recentLandmarkLimit, db) >= Self.recentLandmarkLimit {
                try LandmarkRecords.merge(db)
            }
        }
    }

    /// Stores a recording's fingerprints (its landmarks into `landmark_recent`).
    func storeFingerprint(_ fingerprint: AudioFingerprint, recordingId: Int64, _ db: Database) throws {
        try LandmarkRecords.store(fingerprint, recordingId: recordingId, db)
    }
}
