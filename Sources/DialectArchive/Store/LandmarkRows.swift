import GRDB
import GRDBSQLite

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
        // Stepped with SQLite's own calls: a load of 1,000 hours reads 330 million rows.
        let statement = try db.cachedStatement(sql: """
            SELECT hash, recording_id, frame FROM \(table.rawValue)
            WHERE (hash, recording_id, frame) \(inclusive) (?, ?, ?) ORDER BY hash, recording_id, frame LIMIT ?
            """)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        sqlite3_bind_int64(handle, 1, Int64(start.hash))
        sqlite3_bind_int64(handle, 2, start.recordingId)
        sqlite3_bind_int64(handle, 3, Int64(start.frame))
        sqlite3_bind_int64(handle, 4, Int64(limit))
        var rows: [LandmarkRow] = []
        rows.reserveCapacity(min(limit, 1 << 20))
        try db.stepRows(handle) {
            rows.append(LandmarkRow(hash: Int32(truncatingIfNeeded: sqlite3_column_int64(handle, 0)), recordingId: sqlite3_column_int64(handle, 1),
                                    frame: Int32(truncatingIfNeeded: sqlite3_column_int64(handle, 2))))
        }
        return rows
    }

    /// The two landmark tables: merged, and stored since the last merge.
    enum Table: String, CaseIterable, Sendable {
        case merged = "landmark", recent = "landmark_recent"
    }
}
