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

    /// The same on either database. On PostgreSQL, where writers from several processes commit
    /// at once, ids are no mark: a transaction that took lower ids may commit after one that
    /// took higher ones. There the mark is the reading transaction's snapshot (which writing
    /// transactions have committed and which are still running), which moves on with every
    /// commit, whatever it wrote: a commit to another database of the same server too, after
    /// which kept answers are made again, never stale.
    static func current(_ db: StoreDatabase) throws -> String {
        if let sqlite = db as? SQLiteStoreDatabase { return try current(sqlite.db) }
        return try db.value("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || pg_current_snapshot()::text", as: String.self) ?? ""
    }
}
