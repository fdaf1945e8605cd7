import GRDB

/// The database's own connection behind a `StoreDatabase`, for the few Store paths that read
/// or write millions of rows (landmarks) and go several times faster through it than through
/// statements written once for both.
enum StoreConnection {
    case sqlite(Database)
    case postgres(PostgresDatabase)
}

extension StoreDatabase {
    /// This read's or transaction's own connection.
    var connection: StoreConnection {
        switch self {
        case let sqlite as SQLiteStoreDatabase: return .sqlite(sqlite.db)
        case let postgres as PostgresStoreDatabase: return .postgres(postgres.database)
        default: preconditionFailure("a StoreDatabase is SQLite's or PostgreSQL's")
        }
    }
}
