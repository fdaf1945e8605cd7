@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// The PostgreSQL server the tests use: the one `scripts/test.sh` starts (a throwaway cluster
/// on a Unix socket), named by `DIALECT_ARCHIVE_TEST_POSTGRES`. Each test gets a database of
/// its own, so tests never see each other's rows; it is dropped when its test class has run.
enum TestPostgres {
    static let variable = "DIALECT_ARCHIVE_TEST_POSTGRES"

    /// The address of a new, empty database; skips the test when no server is given (only
    /// outside `scripts/test.sh`, which always gives one).
    static func freshDatabase(_ name: String = #function) throws -> String {
        guard let server = ProcessInfo.processInfo.environment[variable], !server.isEmpty else {
            throw XCTSkip("no PostgreSQL server: run scripts/test.sh, or set \(variable) to a postgres:// address")
        }
        let database = "test_" + name.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(40) + "_" + UUID().uuidString.prefix(8).lowercased()
        let created = try psql(server, "CREATE DATABASE \"\(database)\"")
        guard created.status == 0 else { throw NSError(domain: "postgres", code: 1, userInfo: [NSLocalizedDescriptionKey: created.stderr]) }
        DroppedAfterTheTest.shared.add(database, server: server)
        var components = URLComponents(string: server)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs `sql` on the database at `address` with PostgreSQL's own client, stopping at the
    /// first error.
    static func psql(_ address: String, _ sql: String) throws -> TestSupport.Result {
        try TestSupport.run("psql", [address, "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }
}

/// Drops the databases a test class made once all its tests have run (a class may keep one
/// archive for all of them), so that a run making some thousand archives does not keep a
/// thousand databases.
private final class DroppedAfterTheTest: NSObject, XCTestObservation, @unchecked Sendable {
    static let shared: DroppedAfterTheTest = {
        let observer = DroppedAfterTheTest()
        XCTestObservationCenter.shared.addTestObserver(observer)
        return observer
    }()

    private let lock = NSLock()
    private var databases: [(name: String, server: String)] = []

    func add(_ name: String, server: String) {
        lock.withLock { databases.append((name, server)) }
    }

    func testSuiteDidFinish(_ testSuite: XCTestSuite) {
        let made = lock.withLock { () -> [(name: String, server: String)] in
            defer { databases = [] }
            return databases
        }
        for (name, server) in made {
            _ = try? TestPostgres.psql(server, "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
        }
    }
}

/// The sample archive twice: on SQLite as ingested (after `preparing` it), and with its
/// database copied then to a fresh PostgreSQL database (`migrate-database`). The PostgreSQL one
/// has no SQLite database at all, so that anything still read from SQLite instead of the
/// archive's store fails.
struct SampleOnBoth {
    let sqlite: Archive
    let postgres: Archive
    let database: PostgresDatabase

    init(_ name: String = #function, preparing: (Archive) throws -> Void = { _ in }) throws {
        let address = try TestPostgres.freshDatabase(name)
        let (archive, url) = try SampleArchive.ingested(name, on: .sqlite)
        try preparing(archive)
        try DatabaseMigration.copy(archive, to: address)
        database = try PostgresDatabase.connect(try PostgresAddress(address))
        sqlite = archive
        postgres = Archive(url: url, postgres: database)
    }

    /// Both archives with a name for messages.
    var both: [(label: String, archive: Archive)] { [("SQLite", sqlite), ("PostgreSQL", postgres)] }
}

/// Two new, empty archives, each in a folder of its own: one on SQLite, one whose database is
/// a fresh PostgreSQL database (and which has no SQLite database at all), for the same ingests
/// into both.
struct EmptyOnBoth {
    let sqlite: Archive
    let postgres: Archive
    let database: PostgresDatabase

    init(_ name: String = #function) throws {
        let folder = try TestSupport.scratchFolder()
        sqlite = try Archive.create(at: folder.appendingPathComponent("sqlite"))
        database = try PostgresDatabase.connect(try PostgresAddress(try TestPostgres.freshDatabase(name)))
        try PostgresSchema.migrate(database)
        let postgresFolder = folder.appendingPathComponent("postgres")
        for sub in ["recordings", "transcripts", ".incoming"] {
            try FileManager.default.createDirectory(at: postgresFolder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        postgres = Archive(url: postgresFolder, postgres: database)
    }
}
