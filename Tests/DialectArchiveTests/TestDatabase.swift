@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// The database the archives of this test run are made on. `scripts/test.sh` runs the suite
/// twice: once on SQLite, and once with `DIALECT_ARCHIVE_TEST_DATABASE=postgres`, when every
/// archive a test makes (through `TestArchive.create` or the CLI's `init`) gets a fresh
/// PostgreSQL database of its own on the server `DIALECT_ARCHIVE_TEST_POSTGRES` names.
enum TestDatabase {
    static let variable = "DIALECT_ARCHIVE_TEST_DATABASE"

    /// True in the run on PostgreSQL.
    static let isPostgres: Bool = ProcessInfo.processInfo.environment[variable]?.lowercased() == "postgres"

    /// What a new archive of this run is made on: SQLite, or a fresh PostgreSQL database.
    static func choice(_ name: String = #function) throws -> DatabaseChoice {
        isPostgres ? .postgres(try TestPostgres.freshDatabase(name)) : .sqlite
    }

    /// Skips a test of what only an SQLite archive has (its file, FTS5, the write-ahead log) in
    /// the run on PostgreSQL, saying why.
    static func requireSQLite(_ reason: String) throws {
        if isPostgres { throw XCTSkip("SQLite only: \(reason)") }
    }

    /// Runs `sql` on the database of the archive at `url` with that database's own client
    /// (`psql` or `sqlite3`), behind the archive's back, as someone tampering with it would.
    static func runBehindTheArchive(_ sql: String, archive url: URL) throws -> TestSupport.Result {
        if let address = try DatabaseAddressFile(archive: url).read() {
            return try TestPostgres.psql(address, sql)
        }
        return try TestSupport.run("sqlite3", [url.appendingPathComponent(Archive.databaseName).path, sql])
    }

    /// The CLI's arguments with, in the run on PostgreSQL, a fresh database given to an `init`
    /// that names none.
    static func arguments(_ arguments: [String], _ name: String = #function) throws -> [String] {
        guard isPostgres, arguments.first == "init", !arguments.contains("--database") else { return arguments }
        return arguments + ["--database", try TestPostgres.freshDatabase(name)]
    }
}

/// Makes the archives tests use, on the database of this run (`TestDatabase`).
enum TestArchive {
    /// An empty archive at `url` (or the one already there), on this run's database.
    @discardableResult
    static func create(at url: URL, _ name: String = #function) throws -> Archive {
        if TestDatabase.isPostgres, let existing = try? Archive.open(at: url) { return existing }
        return try Archive.create(at: url, database: try TestDatabase.choice(name))
    }
}
