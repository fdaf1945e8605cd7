/// A recording with the names a listing shows beside it.
public struct RecordingListing: Codable, Equatable {
    public var recording: Recording
    public var localityId: String?
    public var localityName: String?
    public var dialect: String?
    public var contentType: String?
    public var collectionId: String
    public var transcripts: Int

    private enum CodingKeys: String, CodingKey {
        case recording, localityId, localityName, dialect, contentType, collectionId, transcripts
    }

    /// Reads a listing as JSON writes it (the recording under `recording`), or from one row of
    /// the database (the recording's columns beside the listing's own).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        recording = container.contains(.recording) ? try container.decode(Recording.self, forKey: .recording) : try Recording(from: decoder)
        localityId = try container.decodeIfPresent(String.self, forKey: .localityId)
        localityName = try container.decodeIfPresent(String.self, forKey: .localityName)
        dialect = try container.decodeIfPresent(String.self, forKey: .dialect)
        contentType = try container.decodeIfPresent(String.self, forKey: .contentType)
        collectionId = try container.decode(String.self, forKey: .collectionId)
        transcripts = try container.decode(Int.self, forKey: .transcripts)
    }
}

extension Archive {
    /// Every recording not withdrawn, whatever its access, in session order, with its locality,
    /// dialect and transcript count: the archive's own view (`recordings(as:)` is a reader's).
    public func recordings() throws -> [RecordingListing] {
        try recordings(as: .owner(includeRestricted: true))
    }

    /// The recordings not withdrawn that `reader` may hear, as `recordings()` lists them.
    public func recordings(as reader: Reader) throws -> [RecordingListing] {
        let audible = reader.recordingCondition.map { "AND \($0)" } ?? ""
        return try store.read { db in try CatalogRecords.recordings(audible: audible, db) }
    }

    /// Every speaker, by id; unless `includeRestricted`, a restricted speaker by id and role only.
    public func speakers(includeRestricted: Bool = false) throws -> [Speaker] {
        let today = CalendarDate.today()
        return try store.read { db in
            try CatalogRecords.speakers(db).map { AccessRules.visible($0, includeRestricted: includeRestricted, today: today) }
        }
    }

    public func localities() throws -> [Locality] {
        try store.read { db in try CatalogRecords.localities(db) }
    }

    /// Every session not withdrawn, whatever its access: the archive's own view.
    public func sessions() throws -> [Session] {
        try store.read { db in try CatalogRecords.sessions(visible: nil, db) }
    }

    /// The sessions not withdrawn that the archive's owner sees: open ones, and restricted and
    /// closed ones only when `includeRestricted`.
    public func sessions(includeRestricted: Bool) throws -> [Session] {
        guard let visible = Reader.owner(includeRestricted: includeRestricted).sessionCondition else { return try sessions() }
        return try store.read { db in try CatalogRecords.sessions(visible: visible, db) }
    }

    public func collections() throws -> [ArchiveCollection] {
        try store.read { db in try CatalogRecords.collections(db) }
    }

    /// The audit trail, oldest first.
    public func events() throws -> [AuditEvent] {
        try store.read { try AuditLogRecords.all($0) }
    }
}
