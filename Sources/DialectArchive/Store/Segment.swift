import GRDB

/// One time-aligned annotation of a transcript, linked to its recording and speaker.
public struct Segment: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "segment"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var transcriptId: Int64
    public var recordingId: Int64?
    public var tier: String
    /// Position of the tier in its file, to keep file order.
    public var tierIndex: Int
    /// orthography, ipa, translation, gloss or other.
    public var tierKind: String
    public var tierType: String
    public var participant: String?
    public var speakerId: String?
    public var startMs: Int64
    public var endMs: Int64
    public var text: String
    /// Item number where the text carries one (e.g. 词汇 0001).
    public var itemNumber: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Segment: StoredRecord {
    static var table: String { databaseTableName }
}

extension Segment {
    /// Every segment of one transcript file, tier by tier in the order stored.
    static func inTranscript(_ id: Int64, _ db: StoreDatabase) throws -> [Segment] {
        try db.records(Segment.self, "SELECT * FROM segment WHERE transcript_id = ? ORDER BY tier_index, id", [id])
    }

    /// Takes every segment of one transcript file out of the archive (and the search index).
    static func deleteAll(inTranscript id: Int64, _ db: StoreDatabase) throws {
        try db.execute("DELETE FROM segment WHERE transcript_id = ?", [id])
    }

    /// Stores a new segment; returns its id.
    @discardableResult
    static func insert(_ segment: Segment, _ db: StoreDatabase) throws -> Int64? {
        try db.value("""
            INSERT INTO segment (transcript_id, recording_id, tier, tier_index, tier_kind, tier_type, participant, speaker_id,
                                 start_ms, end_ms, text, item_number)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, [segment.transcriptId, segment.recordingId, segment.tier, segment.tierIndex, segment.tierKind, segment.tierType,
                  segment.participant, segment.speakerId, segment.startMs, segment.endMs, segment.text, segment.itemNumber], as: Int64.self)
    }
}
