import Foundation
import GRDB

/// Recordings that hold the same audio, and how.
public struct DuplicateGroup: Encodable, Equatable {
    /// One recording of a group; `offsetMs` is where the group's audio starts in it, where known.
    public struct Member: Encodable, Equatable {
        public var recordingId: Int64
        public var file: String
        public var durationMs: Int64
        public var offsetMs: Int64?
        /// Other places the same bytes were found (identical-bytes groups).
        public var copies: [String]
    }

    public var kind: DuplicateKind
    public var members: [Member]
    public var confidence: String?
}

extension Archive {
    /// Groups the archive's recordings into identical bytes (the same file found at several
    /// paths), identical samples, the same audio re-encoded, and one containing another.
    /// Recordings are matched against the archive on all cores. Restricted and closed
    /// recordings are left out unless `includeRestricted` (a group keeps its open members
    /// when two or more remain, or one with copies elsewhere).
    public func duplicates(includeRestricted: Bool = false) throws -> [DuplicateGroup] {
        let groups = try allDuplicates()
        if includeRestricted { return groups }
        let withheld = try database!.read { db in try AccessRules.withheldRecordings(db) }
        if withheld.isEmpty { return groups }
        return groups.compactMap { group in
            var group = group
            group.members.removeAll { withheld[$0.recordingId] != nil }
            let kept = group.members.count >= 2 || (group.kind == .identicalBytes && group.members.count == 1)
            return kept ? group : nil
        }
    }

    private func allDuplicates() throws -> [DuplicateGroup] {
        func member(_ recording: Recording, offset: Int64? = nil, copies: [String] = []) -> DuplicateGroup.Member {
            DuplicateGroup.Member(recordingId: recording.id!, file: recording.originalName, durationMs: recording.durationMs,
                                  offsetMs: offset, copies: copies)
        }
        var groups: [DuplicateGroup] = []
        var samePair = Set<[Int64]>()
        let (recordings, samples) = try database!.read { db in
            let recordings = try DuplicateRecords.recordings(db)
            let byId = Dictionary(uniqueKeysWithValues: recordings.map { ($0.id!, $0) })
            for (id, sources) in try DuplicateRecords.copies(db) {
                guard let recording = byId[id] else { continue }
                let paths = sources.filter { $0 != recording.sourcePath }
                if !paths.isEmpty {
                    groups.append(DuplicateGroup(kind: .identicalBytes, members: [member(recording, copies: paths)], confidence: nil))
                }
            }
            for members in try DuplicateRecords.sameSamples(db) {
                for a in members { for b in members where a < b { samePair.insert([a, b]) } }
                groups.append(DuplicateGroup(kind: .identicalSamples, members: members.compactMap { byId[$0] }.map { member($0) }, confidence: nil))
            }
            return (recordings, try LandmarkRecords.samples(limit: FingerprintParameters.duplicateSample, db))
        }
        let byId = Dictionary(uniqueKeysWithValues: recordings.map { ($0.id!, $0) })
        let fingerprinted = recordings.filter { $0.fingerprintVersion != nil }
        var found = [[AudioMatch]](repeating: [], count: fingerprinted.count)
        var failure: Error?
        let lock = NSLock()
        ParallelWork.forEach(fingerprinted.count) { index in
            let recording = fingerprinted[index]
            do {
                let result = try database!.read { db in try self.matches(for: samples[recording.id!] ?? [], excluding: recording.id, atLeast: .likely, db) }
                lock.withLock { found[index] = result }
            } catch {
                lock.withLock { failure = failure ?? error }
            }
        }
        if let failure { throw failure }
        var seen = Set<[Int64]>()
        for (recording, matches) in zip(fingerprinted, found) {
            for match in matches {
                let pair = [min(recording.id!, match.recordingId), max(recording.id!, match.recordingId)]
                guard !samePair.contains(pair), seen.insert(pair).inserted, let other = byId[match.recordingId] else { continue }
                let kind = DuplicateKind.classify(match, durationMs: recording.durationMs)
                switch kind {
                case .contains where recording.durationMs <= other.durationMs:
                    groups.append(DuplicateGroup(kind: .contains, members: [member(other), member(recording, offset: match.offsetMs)], confidence: match.confidence))
                case .contains:
                    groups.append(DuplicateGroup(kind: .contains, members: [member(recording), member(other, offset: -match.offsetMs)], confidence: match.confidence))
                default:
                    groups.append(DuplicateGroup(kind: kind, members: [member(recording), member(other, offset: match.offsetMs)], confidence: match.confidence))
                }
            }
        }
        return groups
    }
}

extension Landmark {
    /// Landmarks per spectrum frame, a little above what speech gives.
    private static let perFrame = 1.4

    /// Which anchor frames a recording of `durationMs` contributes to its sample of about `limit`
    /// landmarks: every n-th, n from the recording's length (1 when it is short), so that the
    /// sample is spread evenly over it and holds some `limit` to 2 × `limit` landmarks.
    static func sampleStride(durationMs: Int64, limit: Int) -> Int32 {
        let frames = Double(durationMs) / FingerprintParameters.frameMs
        return Int32(max(1, min(Double(Int32.max), frames * perFrame / Double(limit))))
    }

    /// A recording's sample (see `sampleStride`) from its landmarks in memory.
    static func sample(_ landmarks: [Landmark], durationMs: Int64, limit: Int) -> [Landmark] {
        let stride = sampleStride(durationMs: durationMs, limit: limit)
        return stride == 1 ? landmarks : landmarks.filter { $0.frame % stride == 0 }
    }
}
