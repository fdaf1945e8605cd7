import GRDB

/// Access conditions as SQL: which rows are open, which a reader may see and hear, and which
/// recordings are withheld. Every read that filters by access builds its conditions here.
extension AccessRules {
    /// SQL true when the row aliased `alias` is open (or its restriction has lapsed).
    /// `inheriting` treats a NULL access as open (recordings inherit their session's).
    static func isOpen(_ alias: String, inheriting: Bool = false) -> String {
        let open = "\(alias).access = 'open' OR (\(alias).access_until IS NOT NULL AND \(alias).access_until < \(today))"
        return inheriting ? "(\(alias).access IS NULL OR \(open))" : "(\(open))"
    }

    /// Today's date (UTC) as an SQL literal, the same on SQLite and PostgreSQL, whose own
    /// "today" differ in form and time zone.
    static var today: String { "'" + CalendarDate.today() + "'" }

    /// Recordings (aliased `r`) of sessions (aliased `se`) that may be shown to anyone.
    static var openRecording: String { "\(isOpen("se")) AND \(isOpen("r", inheriting: true))" }

    /// Every recording that is not open (its session or its own condition), with the level that withholds it.
    static func withheldRecordings(_ db: StoreDatabase) throws -> [Int64: AccessCondition.Level] {
        var withheld: [Int64: AccessCondition.Level] = [:]
        let today = CalendarDate.today()
        for row in try db.rows("""
            SELECT r.id, se.access, se.access_until, r.access, r.access_until
            FROM recording r JOIN session se ON se.id = r.session_id WHERE NOT (\(openRecording))
            """) {
            let session: (access: String?, until: String?) = (row[1], row[2])
            let own: (access: String?, until: String?) = (row[3], row[4])
            let id: Int64 = row[0]
            withheld[id] = level([session, own], today: today)
        }
        return withheld
    }

}

extension Reader {
    /// SQL true for the recordings (aliased `r`) of sessions (aliased `se`) this reader may
    /// hear and read; nil when nothing is withheld.
    var recordingCondition: String? {
        if seesEverything { return nil }
        guard !grantedCollections.isEmpty else { return AccessRules.openRecording }
        return "((\(AccessRules.openRecording)) OR (\(grantedSQL) AND \(["se", "r"].map(Self.notClosed).joined(separator: " AND "))))"
    }

    /// SQL true for the sessions (aliased `se`) this reader may see, whatever their
    /// recordings' own conditions; nil when nothing is withheld.
    var sessionCondition: String? {
        if seesEverything { return nil }
        guard !grantedCollections.isEmpty else { return AccessRules.isOpen("se") }
        return "(\(AccessRules.isOpen("se")) OR (\(grantedSQL) AND \(Self.notClosed("se"))))"
    }

    /// SQL true when the session aliased `se` is in one of the granted collections.
    private var grantedSQL: String {
        let list = grantedCollections.sorted().map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",")
        return "se.collection_id IN (\(list))"
    }

    /// SQL true when the row aliased `alias` is not closed (or its closure has lapsed).
    private static func notClosed(_ alias: String) -> String {
        "NOT (\(alias).access IS NOT DISTINCT FROM 'closed' AND NOT (\(alias).access_until IS NOT NULL AND \(alias).access_until < \(AccessRules.today)))"
    }
}
