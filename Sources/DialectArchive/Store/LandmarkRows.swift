import GRDB

/// The stored landmarks (both tables, `landmark` and `landmark_recent`) read in key order one
/// batch at a time: what another landmark index (PostgreSQL's) is built from.
struct LandmarkRow: Equatable, Sendable {
    var hash: Int32
    var recordingId: Int64
    var frame: Int32

    /// Up to `limit` rows of `table` after `after` in (hash, recording, frame) order.
    static func batch(of table: Table, after: LandmarkRow?, limit: Int, _ db: Database) throws -> [LandmarkRow] {
        let start = after ?? LandmarkRow(hash: .min, recordingId: .min, frame: .min)
        let inclusive = after == nil ? ">=" : ">"
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT hash, recording_id, frame FROM \(table.rawValue)
            WHERE (hash, recording_id, frame) \(inclusive) (?, ?, ?) ORDER BY hash, recording_id, frame LIMIT ?
            """), arguments: [start.hash, start.recordingId, start.frame, limit]).map {
            LandmarkRow(hash: $0[0], recordingId: $0[1], frame: $0[2])
        }
    }

    /// The two landmark tables: merged, and stored since the last merge.
    enum Table: String, CaseIterable, Sendable {
        case merged = "landmark", recent = "landmark_recent"
    }
}
