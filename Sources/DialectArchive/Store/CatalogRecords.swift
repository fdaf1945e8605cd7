/// The queries behind the catalogue's listings: recordings with their place, speakers,
/// localities, sessions, collections and the audit trail, each in the order listings show.
enum CatalogRecords {
    /// Recordings not withdrawn, in a session not withdrawn, meeting `audible` (empty, or an
    /// `AND` condition on `r` and `se`), by collection, session and file name.
    static func recordings(audible: String, _ db: StoreDatabase) throws -> [RecordingListing] {
        try db.records(RecordingListing.self, """
            SELECT r.*, se.locality_id, locality.name AS locality_name,
                   nullif(trim(coalesce(locality.dialect_group, '') || ' ' || coalesce(locality.dialect_subgroup, '') || ' ' || coalesce(locality.dialect_cluster, '')), '') AS dialect,
                   se.content_type, se.collection_id,
                   (SELECT count(*) FROM transcript WHERE transcript.recording_id = r.id AND transcript.withdrawn_at IS NULL AND transcript.replaced_by IS NULL) AS transcripts
            FROM recording r JOIN session se ON se.id = r.session_id
            LEFT JOIN locality ON locality.id = se.locality_id
            WHERE r.withdrawn_at IS NULL AND se.withdrawn_at IS NULL \(audible)
            ORDER BY se.collection_id, r.session_id, r.original_name, r.id
            """)
    }

    static func speakers(_ db: StoreDatabase) throws -> [Speaker] {
        try db.records(Speaker.self, "SELECT * FROM speaker ORDER BY id")
    }

    /// Localities in the order of their dialect classification, unclassified first.
    static func localities(_ db: StoreDatabase) throws -> [Locality] {
        try db.records(Locality.self, """
            SELECT * FROM locality
            ORDER BY dialect_group NULLS FIRST, dialect_subgroup NULLS FIRST, dialect_cluster NULLS FIRST, id
            """)
    }

    /// Sessions not withdrawn, meeting `visible` (a condition on `se`) when given, by collection and id.
    static func sessions(visible: String?, _ db: StoreDatabase) throws -> [Session] {
        try db.records(Session.self, """
            SELECT se.* FROM session se WHERE \(Withdrawal.present("se")) AND \(visible ?? "1 = 1") ORDER BY se.collection_id, se.id
            """)
    }

    static func collections(_ db: StoreDatabase) throws -> [ArchiveCollection] {
        try db.records(ArchiveCollection.self, "SELECT * FROM collection ORDER BY id")
    }
}
