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
}
