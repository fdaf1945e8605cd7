/// A session of another archive, as its OAI-PMH record describes it: read-only, harvested into
/// the union catalogue and linked to its landing page there.
public struct RemoteSession: Codable, Equatable, Sendable {
    /// The peer's OAI-PMH base URL, which the session was harvested from.
    public var archiveBaseURL: String
    /// The peer's name for itself (Identify's `repositoryName`).
    public var archiveName: String
    /// The peer's home page, for linking to the archive as a whole.
    public var archiveURL: String
    /// The OAI identifier of the record (`oai:HOST:SESSION`).
    public var identifier: String
    /// The record's datestamp at the peer: when the session last changed there.
    public var datestamp: String
    public var deleted: Bool
    public var title: String?
    public var date: String?
    /// ISO 639-3 codes where the record gives them (OLAC), else the languages as written; `; ` between them.
    public var languages: String?
    public var place: String?
    public var latitude: Double?
    public var longitude: Double?
    /// The peer's collection (from its `collection:ID` set), else its sets.
    public var collection: String?
    /// The record's setSpecs, separated by spaces.
    public var sets: String?
    public var rights: String?
    /// Where people read the session at the peer.
    public var landingURL: String

    /// The content a harvest compares to tell a changed record from an unchanged one.
    var content: [String?] {
        [datestamp, title, date, languages, place, latitude.map { "\($0)" }, longitude.map { "\($0)" }, collection, sets, rights, landingURL,
         deleted ? "deleted" : nil]
    }
}

/// The union catalogue's SQL: peers, how far each was harvested, and their sessions.
enum RemoteCatalogue {
    /// The response date of the last harvest of `baseURL` (of `set`, or of everything), to
    /// continue from; nil before the first.
    static func lastResponseDate(_ baseURL: String, set: String?, _ db: StoreDatabase) throws -> String? {
        try db.value("SELECT response_date FROM remote_harvest WHERE base_url = ? AND set_spec = ?", [baseURL, set ?? ""])
    }

    /// Stores a harvest's peer and records, returning how many sessions were added, changed
    /// and deleted (a deleted record marks its session; one never seen is kept as deleted).
    static func store(archive: (baseURL: String, name: String, url: String, prefix: String), set: String?, responseDate: String,
                      sessions: [RemoteSession], at now: String, _ db: StoreDatabase) throws -> (added: Int, changed: Int, deleted: Int, unchanged: Int) {
        try db.execute("""
            INSERT INTO remote_archive (base_url, repository_name, archive_url, metadata_prefix, first_harvested_at, last_harvested_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?5)
            ON CONFLICT(base_url) DO UPDATE SET repository_name = ?2, archive_url = ?3, metadata_prefix = ?4, last_harvested_at = ?5
            """, [archive.baseURL, archive.name, archive.url, archive.prefix, now])
        try db.execute("""
            INSERT INTO remote_harvest (base_url, set_spec, response_date) VALUES (?, ?, ?)
            ON CONFLICT(base_url, set_spec) DO UPDATE SET response_date = excluded.response_date
            """, [archive.baseURL, set ?? "", responseDate])
        var counts = (added: 0, changed: 0, deleted: 0, unchanged: 0)
        for session in sessions {
            let before = try db.row("SELECT * FROM remote_session WHERE base_url = ? AND identifier = ?",
                                    [archive.baseURL, session.identifier]).map { remoteSession($0, archive: archive) }
            if session.deleted {
                if let before, !before.deleted { counts.deleted += 1 } else { counts.unchanged += 1 }
            } else if before == nil || before!.deleted {
                counts.added += 1
            } else if before!.content != session.content {
                counts.changed += 1
            } else {
                counts.unchanged += 1
            }
            try db.execute("""
                INSERT INTO remote_session (base_url, identifier, datestamp, deleted, title, date, languages, place,
                  latitude, longitude, collection, sets, rights, landing_url, harvested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (base_url, identifier) DO UPDATE SET datestamp = excluded.datestamp, deleted = excluded.deleted,
                  title = excluded.title, date = excluded.date, languages = excluded.languages, place = excluded.place,
                  latitude = excluded.latitude, longitude = excluded.longitude, collection = excluded.collection, sets = excluded.sets,
                  rights = excluded.rights, landing_url = excluded.landing_url, harvested_at = excluded.harvested_at
                """, [archive.baseURL, session.identifier, session.datestamp, session.deleted, session.title, session.date,
                                 session.languages, session.place, session.latitude, session.longitude, session.collection,
                                 session.sets, session.rights, session.landingURL, now])
        }
        return counts
    }

    /// The sessions of every peer not deleted there, by archive and then by date.
    static func sessions(_ db: StoreDatabase) throws -> [RemoteSession] {
        try db.rows("""
            SELECT s.*, a.repository_name, a.archive_url FROM remote_session s JOIN remote_archive a ON a.base_url = s.base_url
            WHERE NOT s.deleted ORDER BY a.repository_name, s.base_url, s.date IS NULL, s.date, s.identifier
            """).map { row in
            remoteSession(row, archive: (row["base_url"], row["repository_name"], row["archive_url"], ""))
        }
    }

    private static func remoteSession(_ row: SQLRow, archive: (baseURL: String, name: String, url: String, prefix: String)) -> RemoteSession {
        RemoteSession(archiveBaseURL: archive.baseURL, archiveName: archive.name, archiveURL: archive.url, identifier: row["identifier"],
                      datestamp: row["datestamp"], deleted: row["deleted"], title: row["title"], date: row["date"],
                      languages: row["languages"], place: row["place"], latitude: row["latitude"], longitude: row["longitude"],
                      collection: row["collection"], sets: row["sets"], rights: row["rights"], landingURL: row["landing_url"])
    }
}

extension Archive {
    /// The union catalogue: every session harvested from peer archives and not deleted there.
    public func remoteSessions() throws -> [RemoteSession] {
        try store.read { try RemoteCatalogue.sessions($0) }
    }
}
