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
    public func duplicates() throws -> [DuplicateGroup] {
        try database.read { db in
            var groups: [DuplicateGroup] = []
            func member(_ recording: Recording, offset: Int64? = nil, copies: [String] = []) -> DuplicateGroup.Member {
                DuplicateGroup.Member(recordingId: recording.id!, file: recording.originalName, durationMs: recording.durationMs,
                                      offsetMs: offset, copies: copies)
            }
            let recordings = try Recording.order(Column("id")).fetchAll(db)
            let byId = Dictionary(uniqueKeysWithValues: recordings.map { ($0.id!, $0) })
            for row in try Row.fetchAll(db, sql: "SELECT recording_id, group_concat(source_path, char(10)) FROM recording_copy GROUP BY recording_id ORDER BY recording_id") {
                guard let recording = byId[row[0]] else { continue }
                let paths = (row[1] as String).split(separator: "\n").map(String.init).filter { $0 != recording.sourcePath }
                if !paths.isEmpty {
                    groups.append(DuplicateGroup(kind: .identicalBytes, members: [member(recording, copies: paths)], confidence: nil))
                }
            }
            var samePair = Set<[Int64]>()
            for ids in try Row.fetchAll(db, sql: "SELECT group_concat(id) FROM recording GROUP BY audio_sha256 HAVING count(*) > 1") {
                let members = (ids[0] as String).split(separator: ",").compactMap { Int64($0) }.sorted()
                for a in members { for b in members where a < b { samePair.insert([a, b]) } }
                groups.append(DuplicateGroup(kind: .identicalSamples, members: members.compactMap { byId[$0] }.map { member($0) }, confidence: nil))
            }
            var seen = Set<[Int64]>()
            for recording in recordings where recording.fingerprintVersion != nil {
                let landmarks = try Landmark.sample(of: recording.id!, limit: 4000, db)
                for match in try matches(for: landmarks, excluding: recording.id, db) where match.confidence != "possible" {
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
}

extension Landmark {
    /// Up to `limit` of a recording's landmarks, spread evenly over it.
    static func sample(of recordingId: Int64, limit: Int, _ db: Database) throws -> [Landmark] {
        let all = try Row.fetchAll(db, sql: "SELECT hash, frame FROM landmark WHERE recording_id = ? ORDER BY frame", arguments: [recordingId])
            .map { Landmark(hash: $0[0], frame: $0[1]) }
        guard all.count > limit else { return all }
        let step = Double(all.count) / Double(limit)
        return (0..<limit).map { all[Int(Double($0) * step)] }
    }
}
