/// A session as a speaker, locality or collection page lists it: with its place and the
/// number of its recordings the asker may see.
public struct SessionListing: Encodable, Equatable {
    public var session: Session
    public var localityName: String?
    public var recordings: Int
}

extension Archive {
    /// The sessions, not withdrawn, in which `speaker` took part, held at `locality`, or kept
    /// in `collection` (each nil for any), by date: those `reader` may see, each counting only
    /// the recordings `reader` may hear.
    public func sessions(speaker: String? = nil, locality: String? = nil, collection: String? = nil,
                         as reader: Reader) throws -> [SessionListing] {
        let visibleSession = reader.sessionCondition.map { "AND \($0)" } ?? ""
        let audibleRecording = reader.recordingCondition.map { "AND \($0)" } ?? ""
        return try store.read { db in
            // PostgreSQL cannot tell the type of a parameter first met in `? IS NULL`.
            try db.rows("""
                SELECT se.*, l.name AS locality_name,
                       (SELECT count(*) FROM recording r WHERE r.session_id = se.id AND \(Withdrawal.present("r")) \(audibleRecording)) AS recording_count
                FROM session se LEFT JOIN locality l ON l.id = se.locality_id
                WHERE \(Withdrawal.present("se")) \(visibleSession)
                  AND (CAST(?1 AS text) IS NULL OR EXISTS (SELECT 1 FROM session_participant p WHERE p.session_id = se.id AND p.speaker_id = ?1))
                  AND (CAST(?2 AS text) IS NULL OR se.locality_id = ?2) AND (CAST(?3 AS text) IS NULL OR se.collection_id = ?3)
                ORDER BY se.date IS NULL, se.date, se.id
                """, [speaker, locality, collection]).map { row in
                SessionListing(session: try SQLRowDecoder.decode(Session.self, from: row), localityName: row["locality_name"],
                               recordings: row["recording_count"])
            }
        }
    }

    /// The speakers from `locality`, by id; one `reader` may not see in full by id and role only.
    public func speakers(from locality: String, as reader: Reader) throws -> [Speaker] {
        try store.read { db in
            try db.records(Speaker.self, "SELECT * FROM speaker WHERE locality_id = ? ORDER BY id", [locality])
                .map { AccessRules.visible($0, reader: reader, recordedFor: try Speaker.collections(of: $0.id, db)) }
        }
    }
}
