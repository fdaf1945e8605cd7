import GRDB

/// The sessions as OAI-PMH records: which a harvester may see, when each last changed, and
/// what its metadata says. Sessions gone since a harvester may have taken them stay, as deleted
/// records; sessions closed from the start are left out.
enum OAIRecords {
    /// Sessions (aliased `s`) a harvester sees: those not closed, and a closed one that was not
    /// always closed, as a deleted record, so that a harvester that took it learns it is gone.
    static let visible = "(s.access <> 'closed' OR \(AccessRules.isOpen("s")) OR \(wasShown))"

    /// A closed session (aliased `s`) was shown before: an access change found it not closed,
    /// or with its embargo already over.
    private static let wasShown = """
        EXISTS (SELECT 1 FROM change_set c JOIN event e ON e.id = c.event_id, json_each(c.fields) f
                WHERE c.record_kind = 'session' AND c.record_id = s.id AND c.action = 'changed'
                  AND ((json_extract(f.value, '$.field') = 'access' AND json_extract(f.value, '$.before') <> 'closed')
                    OR (json_extract(f.value, '$.field') = 'access_until' AND json_extract(f.value, '$.before') < substr(e.at, 1, 10))))
        """

    /// A seen session (aliased `s`) is a deleted record: withdrawn, closed, or with every one
    /// of its recordings withdrawn.
    static let deleted = """
        (s.withdrawn_at IS NOT NULL OR NOT (s.access <> 'closed' OR \(AccessRules.isOpen("s")))
         OR (EXISTS (SELECT 1 FROM recording r WHERE r.session_id = s.id)
             AND NOT EXISTS (SELECT 1 FROM recording r WHERE r.session_id = s.id AND r.withdrawn_at IS NULL)))
        """

    /// The day an embargo (`access_until`) of the row aliased `alias` ended, as a stored time:
    /// the record changed then though no one touched it.
    private static func embargoEnded(_ alias: String) -> String {
        "CASE WHEN \(alias).access <> 'open' AND \(alias).access_until < date('now') THEN date(\(alias).access_until, '+1 day') || 'T00:00:00.000Z' END"
    }

    /// The last change to a session (aliased `s`) or anything in it: its ingest, change sets of
    /// the session, its recordings, speakers and locality, transcripts and their revisions,
    /// access changes and withdrawals, and the end of an embargo on the session, its recordings
    /// or its speakers. Stored times are ISO 8601 in UTC, so the latest sorts last.
    static let changedAt = """
        max(
          coalesce((SELECT created_at FROM collection WHERE id = s.collection_id), ''),
          coalesce(s.withdrawn_at, ''),
          coalesce(\(embargoEnded("s")), ''),
          coalesce((SELECT max(\(embargoEnded("r"))) FROM recording r WHERE r.session_id = s.id), ''),
          coalesce((SELECT max(\(embargoEnded("sp"))) FROM session_participant p JOIN speaker sp ON sp.id = p.speaker_id
                    WHERE p.session_id = s.id), ''),
          coalesce((SELECT max(e.at) FROM change_set c JOIN event e ON e.id = c.event_id
                    WHERE c.record_kind = 'session' AND c.record_id = s.id), ''),
          coalesce((SELECT max(e.at) FROM change_set c JOIN event e ON e.id = c.event_id
                    WHERE c.record_kind = 'locality' AND c.record_id = s.locality_id), ''),
          coalesce((SELECT max(e.at) FROM session_participant p
                    JOIN change_set c ON c.record_kind = 'speaker' AND c.record_id = p.speaker_id
                    JOIN event e ON e.id = c.event_id WHERE p.session_id = s.id), ''),
          coalesce((SELECT max(max(r.ingested_at, coalesce(r.withdrawn_at, ''))) FROM recording r WHERE r.session_id = s.id), ''),
          coalesce((SELECT max(e.at) FROM recording r
                    JOIN change_set c ON c.record_kind = 'recording' AND c.record_id = CAST(r.id AS TEXT)
                    JOIN event e ON e.id = c.event_id WHERE r.session_id = s.id), ''),
          coalesce((SELECT max(max(t.ingested_at, coalesce(t.replaced_at, ''), coalesce(t.withdrawn_at, '')))
                    FROM transcript t WHERE t.session_id = s.id), '')
        )
        """

    /// The headers of the sessions a list selects, in session id order, at most `limit`.
    static func headers(_ filter: OAIListFilter, set: OAISet?, limit: Int, _ db: Database) throws -> [OAIHeader] {
        let (sql, arguments) = selection(filter, set: set)
        return try Row.fetchAll(db, sql: "SELECT * FROM (\(sql)) ORDER BY id LIMIT ?", arguments: arguments + [limit]).map(header)
    }

    /// How many sessions a list selects, from its first page on.
    static func count(_ filter: OAIListFilter, set: OAISet?, _ db: Database) throws -> Int {
        var whole = filter
        whole.after = nil
        let (sql, arguments) = selection(whole, set: set)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql))", arguments: arguments) ?? 0
    }

    /// The header of one session a harvester may see; nil for an unknown or closed session.
    static func header(of session: String, _ db: Database) throws -> OAIHeader? {
        try Row.fetchOne(db, sql: """
            SELECT s.id, \(changedAt) AS changed_at, \(deleted) AS deleted, s.collection_id, l.iso639_3
            FROM session s LEFT JOIN locality l ON l.id = s.locality_id WHERE s.id = ? AND \(visible)
            """, arguments: [session]).map(header)
    }

    /// The earliest datestamp any record has; nil when there is none.
    static func earliestChange(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT min(\(changedAt)) FROM session s WHERE \(visible)")
    }

    /// The first session a harvester may see, as the sample of Identify's description.
    static func firstSession(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT s.id FROM session s WHERE \(visible) ORDER BY s.id LIMIT 1")
    }

    /// Every collection with its title, and every ISO 639-3 code of a seen session's locality.
    static func sets(_ db: Database) throws -> (collections: [(id: String, title: String?)], languages: [(code: String, name: String?)]) {
        let collections = try Row.fetchAll(db, sql: "SELECT id, title FROM collection ORDER BY id").map { (id: $0[0] as String, title: $0[1] as String?) }
        let languages = try Row.fetchAll(db, sql: """
            SELECT l.iso639_3, min(l.dialect_group) FROM session s JOIN locality l ON l.id = s.locality_id
            WHERE l.iso639_3 IS NOT NULL AND \(visible) GROUP BY l.iso639_3 ORDER BY l.iso639_3
            """).map { (code: $0[0] as String, name: $0[1] as String?) }
        return (collections, languages)
    }

    /// What a session's record says, as the OLAC export would write it for anyone.
    static func description(of sessionId: String, _ db: Database) throws -> OLACExport.Description? {
        guard let session = try Session.fetchOne(db, key: sessionId) else { return nil }
        let recordings = try Row.fetchAll(db, sql: """
            SELECT r.*, EXISTS (SELECT 1 FROM transcript t WHERE t.recording_id = r.id AND t.replaced_by IS NULL
                                AND t.withdrawn_at IS NULL) AS transcribed
            FROM recording r WHERE r.session_id = ? AND r.withdrawn_at IS NULL
              AND (r.access IS NULL OR r.access <> 'closed' OR \(AccessRules.isOpen("r")))
            ORDER BY r.original_name
            """, arguments: [sessionId]).map { (recording: try Recording(row: $0), transcribed: $0["transcribed"] as Bool) }
        return OLACExport.Description(
            session: session, locality: try session.localityId.flatMap { try Locality.fetchOne(db, key: $0) },
            speakers: try Speaker.speaking(in: sessionId, db), participants: try SessionParticipant.others(in: sessionId, db),
            recordings: recordings, includeRestricted: false)
    }

    private static func selection(_ filter: OAIListFilter, set: OAISet?) -> (String, StatementArguments) {
        var inner = "\(visible)"
        var arguments: StatementArguments = []
        if let after = filter.after { inner += " AND s.id > ?"; arguments += [after] }
        switch set {
        case .collection(let id): inner += " AND s.collection_id = ?"; arguments += [id]
        case .language(let code): inner += " AND l.iso639_3 = ?"; arguments += [code]
        case .allLanguages: inner += " AND l.iso639_3 IS NOT NULL"
        case .allCollections, nil: break
        }
        var outer = "changed_at <= ?"
        arguments += [filter.startedAt]
        if let from = filter.from { outer += " AND changed_at >= ?"; arguments += [from] }
        if let until = filter.until { outer += " AND substr(changed_at, 1, 19) <= ?"; arguments += [until] }
        let sql = """
            SELECT * FROM (SELECT s.id, \(changedAt) AS changed_at, \(deleted) AS deleted, s.collection_id, l.iso639_3
                           FROM session s LEFT JOIN locality l ON l.id = s.locality_id WHERE \(inner))
            WHERE \(outer)
            """
        return (sql, arguments)
    }

    private static func header(_ row: Row) -> OAIHeader {
        OAIHeader(session: row["id"], changedAt: row["changed_at"], deleted: row["deleted"], collection: row["collection_id"],
                  language: row["iso639_3"])
    }
}
