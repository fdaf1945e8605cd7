@_spi(Benchmark) @testable import DialectArchive
import Foundation

/// Every audio landmark an archive's database holds, per recording, whatever the recording's
/// state (withdrawn, or its fingerprint outdated): on SQLite the rows of `landmark` and
/// `landmark_recent`, on PostgreSQL the pairs packed in the posting tables.
enum StoredLandmarks {
    /// The landmarks of each recording that has any, in hash and frame order.
    static func all(_ archive: Archive) throws -> [Int64: [Landmark]] {
        var found: [Int64: [Landmark]] = [:]
        try archive.store.read { db in
            switch db.connection {
            case .sqlite:
                for row in try db.rows("""
                    SELECT recording_id, hash, frame FROM landmark UNION ALL SELECT recording_id, hash, frame FROM landmark_recent
                    """) {
                    let (recording, hash, frame): (Int64, Int64, Int64) = (row[0], row[1], row[2])
                    found[recording, default: []].append(Landmark(hash: Int32(hash), frame: Int32(frame)))
                }
            case .postgres(let postgres):
                try PostgresLandmarkRecords.forEach({ _, _ in true }, { found[$0, default: []].append($1) }, postgres)
            }
        }
        return found.mapValues { $0.sorted { ($0.hash, $0.frame) < ($1.hash, $1.frame) } }
    }

    /// The landmarks of one recording, as "hash:frame", in hash and frame order.
    static func of(_ recording: Int64, _ archive: Archive) throws -> [String] {
        (try all(archive)[recording] ?? []).map { "\($0.hash):\($0.frame)" }
    }

    /// How many landmarks hold each hash, over every recording.
    static func perHash(_ archive: Archive) throws -> [Int32: Int] {
        var counts: [Int32: Int] = [:]
        for landmark in try all(archive).values.joined() { counts[landmark.hash, default: 0] += 1 }
        return counts
    }

    /// How many landmarks the main index holds and how many the recent table, counted by the
    /// library's own `LandmarkRecords.recentCount`.
    static func counts(_ archive: Archive) throws -> (main: Int, recent: Int) {
        let total = try all(archive).values.reduce(0) { $0 + $1.count }
        let recent = try archive.store.read { db in try LandmarkRecords.recentCount(upTo: Int.max, db) }
        return (total - recent, recent)
    }
}
