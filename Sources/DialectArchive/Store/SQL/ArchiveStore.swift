import Foundation
import GRDB

/// The database an archive's records live in, SQLite or PostgreSQL, and the one way the
/// library reads and writes it: `read` and `write` hand their body a `StoreDatabase`.
final class ArchiveStore: Sendable {
    /// Which database, and how it is reached.
    enum Place: Sendable {
        case sqlite(DatabasePool)
        case postgres(PostgresDatabase)
    }

    let place: Place
    /// Makes this process's writes on PostgreSQL wait for one another, as SQLite's do, so that
    /// what one write checks (a recording's duplicates among those stored before it) includes
    /// every earlier write of the same ingest. Reads go on beside them on other connections.
    private let writer = NSRecursiveLock()
    /// PostgreSQL's segment search index, over the same connection; nil on SQLite, whose FTS5
    /// index is searched inside its reads.
    let postgresSearch: PostgresSegmentIndex?

    init(_ place: Place) {
        self.place = place
        if case .postgres(let database) = place { postgresSearch = PostgresSegmentIndex(database: database) } else { postgresSearch = nil }
    }

    var kind: StoreKind {
        switch place {
        case .sqlite: return .sqlite
        case .postgres: return .postgres
        }
    }

    /// Runs `body` on a snapshot of the database: what it reads was all committed together.
    func read<T>(_ body: (StoreDatabase) throws -> T) throws -> T {
        switch place {
        case .sqlite(let pool): return try pool.read { try body(SQLiteStoreDatabase($0)) }
        case .postgres(let database):
            return try database.transaction {
                try database.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                return try body(PostgresStoreDatabase(database))
            }
        }
    }

    /// Runs `body` in one transaction: all of its changes are committed when it returns, none
    /// when it throws. On PostgreSQL the search index is brought up to the changed segments
    /// before the commit, as SQLite's triggers keep its own.
    func write<T>(_ body: (StoreDatabase) throws -> T) throws -> T {
        switch place {
        case .sqlite(let pool): return try pool.write { try body(SQLiteStoreDatabase($0)) }
        case .postgres(let database):
            writer.lock()
            defer { writer.unlock() }
            return try database.transaction {
                let result = try body(PostgresStoreDatabase(database))
                try postgresSearch?.catchUp()
                return result
            }
        }
    }

    /// `write`, run once more when it lost to another writer storing the same key at once: for a
    /// body with no effect outside the database, which then finds what the other stored.
    func writeAgainIfLost<T>(_ body: (StoreDatabase) throws -> T) throws -> T {
        do {
            return try write(body)
        } catch where Self.lostToAnotherWriter(error) {
            return try write(body)
        }
    }

    /// Whether `error` is a write that lost to another writer storing the same key first (the
    /// same bytes ingested at once from two places): PostgreSQL's unique violation. Run again,
    /// the write finds what the other stored. On SQLite an ingest holds the archive alone.
    static func lostToAnotherWriter(_ error: Error) -> Bool {
        (error as? PostgresStoreError)?.sqlState == "23505"
    }
}
