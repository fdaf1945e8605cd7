import GRDB

/// One archived transcript file (EAF, TextGrid, WebVTT, SRT) and the recording it belongs to.
public struct TranscriptFile: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "transcript"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// Nil when no recording could be paired with it.
    public var recordingId: Int64?
    public var sessionId: String
    public var format: String
    public var encoding: String?
    public var storedPath: String
    public var originalName: String
    public var sourcePath: String
    public var size: Int64
    public var sha256: String
    /// Media the file names, as a JSON array.
    public var media: String?
    public var tierCount: Int
    public var segmentCount: Int
    /// The longest segment's duration, which bounds searches for overlapping segments.
    public var longestSegmentMs: Int64 = 0
    public var ingestedAt: String
    /// When a fixity audit last found the stored file intact.
    public var verifiedAt: String?
    /// 1 for a transcript's first file; one more for each corrected file of the same name.
    public var revision: Int = 1
    /// The revision that replaced this one; nil while it is the current one.
    public var replacedBy: Int64?
    public var replacedAt: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension TranscriptFile: StoredRecord {
    static var table: String { databaseTableName }
}

extension TranscriptFile {
    /// The current (not replaced) transcript of a recording with this file name, the latest first.
    static func current(named name: String, recordingId: Int64, _ db: StoreDatabase) throws -> TranscriptFile? {
        try db.record(TranscriptFile.self, """
            SELECT * FROM transcript WHERE recording_id = ? AND original_name = ? AND replaced_by IS NULL ORDER BY id DESC LIMIT 1
            """, [recordingId, name])
    }

    /// The current (not replaced) transcripts of a recording in this format.
    static func current(ofFormat format: String, recordingId: Int64, _ db: StoreDatabase) throws -> [TranscriptFile] {
        try db.records(TranscriptFile.self, "SELECT * FROM transcript WHERE recording_id = ? AND format = ? AND replaced_by IS NULL ORDER BY id",
                       [recordingId, format])
    }
}
