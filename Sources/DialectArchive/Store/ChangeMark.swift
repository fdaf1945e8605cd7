import GRDB

/// What changes whenever anything a search counts may have changed: every edit, access change,
/// withdrawal and metadata import appends an audit event in the same transaction, and an
/// ingest inserts recordings, transcripts and segments, whose autoincremented ids (like the
/// events') move on in `sqlite_sequence`; and the day, as embargoes lapse by date.
enum ChangeMark {
    static func current(_ db: Database) throws -> String {
        try String.fetchOne(db.cachedStatement(sql: """
            SELECT date('now') || ' ' || ifnull((SELECT group_concat(name || '=' || seq, ' ') FROM sqlite_sequence), '')
            """)) ?? ""
    }

    /// The same on either database. PostgreSQL's sequences move on before a transaction
    /// commits, so there the mark is the highest committed ids the reading transaction sees,
    /// which change with the rows it reads.
    static func current(_ db: StoreDatabase) throws -> String {
        if let sqlite = db as? SQLiteStoreDatabase { return try current(sqlite.db) }
        return try db.value("""
            SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || concat_ws(' ', (SELECT max(id) FROM event),
                (SELECT max(id) FROM recording), (SELECT max(id) FROM transcript), (SELECT max(id) FROM segment))
            """, as: String.self) ?? ""
    }
}
