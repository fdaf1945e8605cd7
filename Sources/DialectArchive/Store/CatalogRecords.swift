import GRDB

/// The queries behind the catalogue's listings: recordings with their place, speakers,
/// localities, sessions, collections and the audit trail, each in the order listings show.
enum CatalogRecords {
    /// Recordings not withdrawn, in a session not withdrawn, meeting `audible` (empty, or an
    /// `AND` condition on `r` and `se`), by collection, session and file name.
    static func recordings(audible: String, _ db: Database) throws -> [RecordingListing] {
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

    static func speakers(_ db: Database) throws -> [Speaker] {
        try Speaker.order(Column("id")).fetchAll(db)
    }

    /// Localities in the order of their dialect classification.
    static func localities(_ db: Database) throws -> [Locality] {
        try Locality.order(Column("dialect_group"), Column("dialect_subgroup"), Column("dialect_cluster"), Column("id")).fetchAll(db)
    }

    /// Sessions not withdrawn, meeting `visible` (a condition on `se`) when given, by collection and id.
    static func sessions(visible: String?, _ db: Database) throws -> [Session] {
        try Session.fetchAll(db, sql: """
            SELECT se.* FROM session se WHERE \(Withdrawal.present("se")) AND \(visible ?? "1") ORDER BY se.collection_id, se.id
            """)
    }

    static func collections(_ db: Database) throws -> [ArchiveCollection] {
        try ArchiveCollection.order(Column("id")).fetchAll(db)
    }
}
