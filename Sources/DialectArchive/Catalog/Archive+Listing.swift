import GRDB

/// A recording with the names a listing shows beside it.
public struct RecordingListing: Codable, Equatable, FetchableRecord {
    public var recording: Recording
    public var localityId: String?
    public var localityName: String?
    public var dialect: String?
    public var contentType: String?
    public var collectionId: String
    public var transcripts: Int
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
        return try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.*, se.locality_id, locality.name AS locality_name,
                       trim(coalesce(locality.dialect_group, '') || ' ' || coalesce(locality.dialect_subgroup, '') || ' ' || coalesce(locality.dialect_cluster, '')) AS dialect,
                       se.content_type, se.collection_id,
                       (SELECT count(*) FROM transcript WHERE transcript.recording_id = r.id AND transcript.withdrawn_at IS NULL AND transcript.replaced_by IS NULL) AS transcripts
                FROM recording r JOIN session se ON se.id = r.session_id
                LEFT JOIN locality ON locality.id = se.locality_id
                WHERE r.withdrawn_at IS NULL AND se.withdrawn_at IS NULL \(audible)
                ORDER BY se.collection_id, r.session_id, r.original_name
                """).map { row in
                RecordingListing(recording: try Recording(row: row), localityId: row["locality_id"], localityName: row["locality_name"],
                                 dialect: (row["dialect"] as String?).flatMap { $0.isEmpty ? nil : $0 },
                                 contentType: row["content_type"], collectionId: row["collection_id"], transcripts: row["transcripts"])
            }
        }
    }

    /// Every speaker, by id; unless `includeRestricted`, a restricted speaker by id and role only.
    public func speakers(includeRestricted: Bool = false) throws -> [Speaker] {
        let today = CalendarDate.today()
        return try database.read { db in
            try Speaker.order(Column("id")).fetchAll(db).map { AccessRules.visible($0, includeRestricted: includeRestricted, today: today) }
        }
    }

    public func localities() throws -> [Locality] {
        try database.read { db in
            try Locality.order(Column("dialect_group"), Column("dialect_subgroup"), Column("dialect_cluster"), Column("id")).fetchAll(db)
        }
    }

    /// Every session not withdrawn, whatever its access: the archive's own view.
    public func sessions() throws -> [Session] {
        try database.read { db in try Session.filter(sql: Withdrawal.present("session")).order(Column("collection_id"), Column("id")).fetchAll(db) }
    }

    /// The sessions not withdrawn that the archive's owner sees: open ones, and restricted and
    /// closed ones only when `includeRestricted`.
    public func sessions(includeRestricted: Bool) throws -> [Session] {
        guard let visible = Reader.owner(includeRestricted: includeRestricted).sessionCondition else { return try sessions() }
        return try database.read { db in
            try Session.fetchAll(db, sql: """
                SELECT se.* FROM session se WHERE \(Withdrawal.present("se")) AND \(visible) ORDER BY se.collection_id, se.id
                """)
        }
    }

    public func collections() throws -> [ArchiveCollection] {
        try database.read { db in try ArchiveCollection.order(Column("id")).fetchAll(db) }
    }

    /// The audit trail, oldest first.
    public func events() throws -> [AuditEvent] {
        try database.read { db in try AuditEvent.order(Column("id")).fetchAll(db) }
    }
}
