/// The sessions as OAI-PMH records: which a harvester may see, when each last changed, and
/// what its metadata says. Sessions gone since a harvester may have taken them stay, as deleted
/// records; sessions closed from the start are left out.
enum OAIRecords {
    /// Sessions (aliased `s`) a harvester sees: those not closed, and a closed one that was not
    /// always closed, as a deleted record, so that a harvester that took it learns it is gone.
    static func visible(_ kind: StoreKind) -> String {
        "(s.access <> 'closed' OR \(AccessRules.isOpen("s")) OR \(wasShown(kind)))"
    }

    /// A closed session (aliased `s`) was shown before: an access change found it not closed,
    /// or with its embargo already over. Each database reads the change set's fields, a JSON
    /// array, with its own functions.
    private static func wasShown(_ kind: StoreKind) -> String {
        let fields: String, member: (String) -> String
        switch kind {
        case .sqlite:
            fields = "json_each(c.fields) f"
            member = { "json_extract(f.value, '$.\($0)')" }
        case .postgres:
            fields = "jsonb_array_elements(c.fields::jsonb) AS f(value)"
            member = { "(f.value ->> '\($0)')" }
        }
        return """
            EXISTS (SELECT 1 FROM change_set c JOIN event e ON e.id = c.event_id, \(fields)
                    WHERE c.record_kind = 'session' AND c.record_id = s.id AND c.action = 'changed'
                      AND ((\(member("field")) = 'access' AND \(member("before")) <> 'closed')
                        OR (\(member("field")) = 'access_until' AND \(member("before")) < substr(e.at, 1, 10))))
            """
    }

    /// A seen session (aliased `s`) is a deleted record: withdrawn, closed, or with every one
    /// of its recordings withdrawn.
    static let deleted = """
        (s.withdrawn_at IS NOT NULL OR NOT (s.access <> 'closed' OR \(AccessRules.isOpen("s")))
         OR (EXISTS (SELECT 1 FROM recording r WHERE r.session_id = s.id)
             AND NOT EXISTS (SELECT 1 FROM recording r WHERE r.session_id = s.id AND r.withdrawn_at IS NULL)))
        """

    /// The day an embargo (`access_until`) of the row aliased `alias` ended, as a stored time:
    /// the record changed then though no one touched it. Today is the archive's (UTC), not the
    /// database server's.
    private static func embargoEnded(_ alias: String, _ kind: StoreKind) -> String {
        let dayAfter = kind == .sqlite
            ? "date(\(alias).access_until, '+1 day')"
            : "to_char(substr(\(alias).access_until, 1, 10)::date + 1, 'YYYY-MM-DD')"
        return "CASE WHEN \(alias).access <> 'open' AND \(alias).access_until < \(AccessRules.today) THEN \(dayAfter) || 'T00:00:00.000Z' END"
    }

    /// The last change to a session (aliased `s`) or anything in it: its ingest, change sets of
    /// the session, its recordings, speakers and locality, transcripts and their revisions,
    /// access changes and withdrawals, and the end of an embargo on the session, its recordings
    /// or its speakers. Stored times are ISO 8601 in UTC, so the latest sorts last. The latest
    /// of several values is SQLite's `max(a, b)` and PostgreSQL's `greatest(a, b)`.
    static func changedAt(_ kind: StoreKind) -> String {
        let latest = kind == .sqlite ? "max" : "greatest"
        return """
            \(latest)(
              coalesce((SELECT created_at FROM collection WHERE id = s.collection_id), ''),
              coalesce(s.withdrawn_at, ''),
              coalesce(\(embargoEnded("s", kind)), ''),
              coalesce((SELECT max(\(embargoEnded("r", kind))) FROM recording r WHERE r.session_id = s.id), ''),
              coalesce((SELECT max(\(embargoEnded("sp", kind))) FROM session_participant p JOIN speaker sp ON sp.id = p.speaker_id
                        WHERE p.session_id = s.id), ''),
              coalesce((SELECT max(e.at) FROM change_set c JOIN event e ON e.id = c.event_id
                        WHERE c.record_kind = 'session' AND c.record_id = s.id), ''),
              coalesce((SELECT max(e.at) FROM change_set c JOIN event e ON e.id = c.event_id
                        WHERE c.record_kind = 'locality' AND c.record_id = s.locality_id), ''),
              coalesce((SELECT max(e.at) FROM session_participant p
                        JOIN change_set c ON c.record_kind = 'speaker' AND c.record_id = p.speaker_id
                        JOIN event e ON e.id = c.event_id WHERE p.session_id = s.id), ''),
              coalesce((SELECT max(\(latest)(r.ingested_at, coalesce(r.withdrawn_at, ''))) FROM recording r WHERE r.session_id = s.id), ''),
              coalesce((SELECT max(e.at) FROM recording r
                        JOIN change_set c ON c.record_kind = 'recording' AND c.record_id = CAST(r.id AS TEXT)
                        JOIN event e ON e.id = c.event_id WHERE r.session_id = s.id), ''),
              coalesce((SELECT max(\(latest)(t.ingested_at, coalesce(t.replaced_at, ''), coalesce(t.withdrawn_at, '')))
                        FROM transcript t WHERE t.session_id = s.id), '')
            )
            """
    }

    /// The headers of the sessions a list selects, in session id order, at most `limit`.
    static func headers(_ filter: OAIListFilter, set: OAISet?, limit: Int, _ db: StoreDatabase) throws -> [OAIHeader] {
        let (sql, arguments) = selection(filter, set: set, db.kind)
        return try db.rows("SELECT * FROM (\(sql)) AS listed ORDER BY id LIMIT ?", arguments + [limit]).map(header)
    }

    /// How many sessions a list selects, from its first page on.
    static func count(_ filter: OAIListFilter, set: OAISet?, _ db: StoreDatabase) throws -> Int {
        var whole = filter
        whole.after = nil
        let (sql, arguments) = selection(whole, set: set, db.kind)
        return try db.value("SELECT count(*) FROM (\(sql)) AS listed", arguments, as: Int.self) ?? 0
    }

    /// The header of one session a harvester may see; nil for an unknown or closed session.
    static func header(of session: String, _ db: StoreDatabase) throws -> OAIHeader? {
        try db.row("""
            SELECT s.id, \(changedAt(db.kind)) AS changed_at, \(deleted) AS deleted, s.collection_id, l.iso639_3
            FROM session s LEFT JOIN locality l ON l.id = s.locality_id WHERE s.id = ? AND \(visible(db.kind))
            """, [session]).map(header)
    }

    /// The earliest datestamp any record has; nil when there is none.
    static func earliestChange(_ db: StoreDatabase) throws -> String? {
        try db.value("SELECT min(\(changedAt(db.kind))) FROM session s WHERE \(visible(db.kind))")
    }

    /// The first session a harvester may see, as the sample of Identify's description.
    static func firstSession(_ db: StoreDatabase) throws -> String? {
        try db.value("SELECT s.id FROM session s WHERE \(visible(db.kind)) ORDER BY s.id LIMIT 1")
    }

    /// Every collection with its title, and every ISO 639-3 code of a seen session's locality.
    static func sets(_ db: StoreDatabase) throws -> (collections: [(id: String, title: String?)], languages: [(code: String, name: String?)]) {
        let collections = try db.rows("SELECT id, title FROM collection ORDER BY id").map { (id: $0[0] as String, title: $0[1] as String?) }
        let languages = try db.rows("""
            SELECT l.iso639_3, min(l.dialect_group) FROM session s JOIN locality l ON l.id = s.locality_id
            WHERE l.iso639_3 IS NOT NULL AND \(visible(db.kind)) GROUP BY l.iso639_3 ORDER BY l.iso639_3
            """).map { (code: $0[0] as String, name: $0[1] as String?) }
        return (collections, languages)
    }

    /// What a session's record says, as the OLAC export would write it for anyone.
    static func description(of sessionId: String, _ db: StoreDatabase) throws -> OLACExport.Description? {
        guard let session = try db.record(Session.self, id: sessionId) else { return nil }
        let recordings = try db.rows("""
            SELECT r.*, EXISTS (SELECT 1 FROM transcript t WHERE t.recording_id = r.id AND t.replaced_by IS NULL
                                AND t.withdrawn_at IS NULL) AS transcribed
            FROM recording r WHERE r.session_id = ? AND r.withdrawn_at IS NULL
              AND (r.access IS NULL OR r.access <> 'closed' OR \(AccessRules.isOpen("r")))
            ORDER BY r.original_name
            """, [sessionId]).map { (recording: try SQLRowDecoder.decode(Recording.self, from: $0), transcribed: $0["transcribed"] as Bool) }
        return OLACExport.Description(
            session: session, locality: try session.localityId.flatMap { try db.record(Locality.self, id: $0) },
            speakers: try Speaker.speaking(in: sessionId, db), participants: try SessionParticipant.others(in: sessionId, db),
            recordings: recordings, includeRestricted: false)
    }

    private static func selection(_ filter: OAIListFilter, set: OAISet?, _ kind: StoreKind) -> (String, [any SQLValueConvertible]) {
        var inner = visible(kind)
        var arguments: [any SQLValueConvertible] = []
        if let after = filter.after { inner += " AND s.id > ?"; arguments.append(after) }
        switch set {
        case .collection(let id): inner += " AND s.collection_id = ?"; arguments.append(id)
        case .language(let code): inner += " AND l.iso639_3 = ?"; arguments.append(code)
        case .allLanguages: inner += " AND l.iso639_3 IS NOT NULL"
        case .allCollections, nil: break
        }
        var outer = "changed_at <= ?"
        arguments.append(filter.startedAt)
        if let from = filter.from { outer += " AND changed_at >= ?"; arguments.append(from) }
        if let until = filter.until { outer += " AND substr(changed_at, 1, 19) <= ?"; arguments.append(until) }
        let sql = """
            SELECT * FROM (SELECT s.id, \(changedAt(kind)) AS changed_at, \(deleted) AS deleted, s.collection_id, l.iso639_3
                           FROM session s LEFT JOIN locality l ON l.id = s.locality_id WHERE \(inner)) AS seen
            WHERE \(outer)
            """
        return (sql, arguments)
    }

    private static func header(_ row: SQLRow) -> OAIHeader {
        OAIHeader(session: row["id"], changedAt: row["changed_at"], deleted: row["deleted"], collection: row["collection_id"],
                  language: row["iso639_3"])
    }
}
