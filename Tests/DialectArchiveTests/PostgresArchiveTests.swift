@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// An archive whose files are in its folder and whose database is PostgreSQL, as an archivist
/// makes and uses it with the command line: `init --database` (or `DIALECT_ARCHIVE_DATABASE`),
/// every command afterwards, and `migrate-database`, which moves an SQLite archive there.
final class PostgresArchiveTests: XCTestCase {
    private let repository = TestSupport.repository

    /// The sample's metadata files and transcripts (no audio): what ingest stores through the
    /// store on both databases.
    private var metadataAndTranscripts: [String] {
        ["localities.csv", "speakers.csv", "sessions.csv"].map { repository.appendingPathComponent("recordings/\($0)").path }
            + [repository.appendingPathComponent("transcripts").path]
    }

    /// Runs the CLI on `archive`, failing the test when it fails.
    @discardableResult
    private func cli(_ arguments: [String], _ archive: URL, file: StaticString = #filePath, line: UInt = #line) throws -> TestSupport.Result {
        let result = try TestSupport.cli(arguments, archive: archive)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)", file: file, line: line)
        return result
    }

    /// The output of `arguments` with the archive's folder written as ARCHIVE, and timings and
    /// times of day as T, so that two archives' answers can be compared.
    private func answer(_ arguments: [String], _ archive: URL) throws -> String {
        try cli(arguments, archive).stdout.replacingOccurrences(of: archive.path, with: "ARCHIVE")
            .replacingOccurrences(of: #"in \d+\.\d s"#, with: "in T", options: .regularExpression)
            .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, with: "T", options: .regularExpression)
    }

    func testInitWithADatabaseMakesTheFolderAndEveryCommandAnswersAsOnSQLite() throws {
        let folder = try TestSupport.scratchFolder()
        let address = try TestPostgres.freshDatabase()
        let postgres = folder.appendingPathComponent("postgres"), sqlite = folder.appendingPathComponent("sqlite")
        let made = try cli(["init", "--database", address], postgres)
        XCTAssertEqual(made.stdout, "archive ready at \(postgres.path), its database \(try PostgresAddress(address))\n")
        try cli(["init"], sqlite)

        for name in ["recordings", "transcripts", ".incoming"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: postgres.appendingPathComponent(name).path), name)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: postgres.appendingPathComponent("archive.sqlite").path))
        let named = postgres.appendingPathComponent("archive.database")
        XCTAssertEqual(try String(contentsOf: named, encoding: .utf8), address + "\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: named.path)[.posixPermissions] as? Int, 0o600)

        let archive = try Archive.open(at: postgres)
        XCTAssertNil(archive.database, "no SQLite database beside PostgreSQL")
        XCTAssertEqual(archive.store.kind, .postgres)
        XCTAssertEqual(archive.postgresAddress, try PostgresAddress(address))
        XCTAssertEqual(try archive.events().map(\.kind), ["init"])

        for archive in [postgres, sqlite] {
            let ingest = try cli(["ingest"] + metadataAndTranscripts, archive)
            XCTAssertTrue(ingest.stdout.contains("transcript"), ingest.stdout)
        }
        for command in [["list", "sessions"], ["list", "speakers"], ["list", "localities"], ["list", "collections"], ["stats"],
                        ["search", "月光"], ["search", "tsou OR tuo", "--json"], ["show", "gz-cihui"], ["verify"]] {
            XCTAssertEqual(try answer(command, postgres), try answer(command, sqlite), "\(command)")
        }
        let logs = try [postgres, sqlite].map { archive in
            try JSONDecoder().decode([[String: AnyJSON]].self, from: try cli(["log", "--json"], archive).output).map { $0["kind"]?.text ?? "" }
        }
        XCTAssertEqual(logs[0], ["init", "metadata", "ingest", "verify"])
        XCTAssertEqual(logs[0], logs[1])
        XCTAssertTrue(try answer(["search", "月光"], postgres).contains("月光"))
        XCTAssertTrue(try answer(["verify"], postgres).contains("all intact"))
        XCTAssertTrue(try cli(["log", "--verify"], postgres).stdout.contains("unbroken chain"))

        // init again is safe, and adds no event.
        XCTAssertEqual(try cli(["init", "--database", address], postgres).status, 0)
        XCTAssertEqual(try Archive.open(at: postgres).events().filter { $0.kind == "init" }.count, 1)
    }

    func testInitRefusesToMixTheTwoDatabasesInOneFolderPointingToMigrateDatabase() throws {
        let folder = try TestSupport.scratchFolder()
        let address = try TestPostgres.freshDatabase()
        let postgres = folder.appendingPathComponent("postgres"), sqlite = folder.appendingPathComponent("sqlite")
        try cli(["init", "--database", address], postgres)
        try cli(["init"], sqlite)

        let onSQLite = try TestSupport.cli(["init", "--database", try TestPostgres.freshDatabase()], archive: sqlite)
        XCTAssertEqual(onSQLite.status, 1)
        XCTAssertEqual(onSQLite.stderr, "error: \(sqlite.path): this archive's database is archive.sqlite, so init does not make it another; "
                       + "to move its database to PostgreSQL, run `dialect-archive migrate-database --to postgres://…`\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sqlite.appendingPathComponent("archive.database").path))

        let withoutDatabase = try TestSupport.cli(["init"], archive: postgres)
        XCTAssertEqual(withoutDatabase.status, 1)
        XCTAssertTrue(withoutDatabase.stderr.hasPrefix("error: \(postgres.path): this archive's database is PostgreSQL, \(address) (named in archive.database)"),
                      withoutDatabase.stderr)
        XCTAssertTrue(withoutDatabase.stderr.contains("give --database with that address to repeat init"), withoutDatabase.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: postgres.appendingPathComponent("archive.sqlite").path))

        let other = try TestPostgres.freshDatabase()
        let elsewhere = try TestSupport.cli(["init", "--database", other], archive: postgres)
        XCTAssertEqual(elsewhere.status, 1)
        XCTAssertEqual(elsewhere.stderr, "error: \(postgres.path): this archive's database is \(address) (named in archive.database), not \(other)\n")

        // A second folder cannot take a database that already holds an archive.
        let second = folder.appendingPathComponent("second")
        let taken = try TestSupport.cli(["init", "--database", address], archive: second)
        XCTAssertEqual(taken.status, 1)
        XCTAssertTrue(taken.stderr.hasPrefix("error: \(try PostgresAddress(address)): the database already holds an archive's records (in "), taken.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: second.path), "nothing is made")

        // A folder with both files (a move interrupted by hand, say) is refused until someone decides.
        try Data().write(to: postgres.appendingPathComponent("archive.sqlite"))
        let both = try TestSupport.cli(["list", "sessions"], archive: postgres)
        XCTAssertEqual(both.status, 1)
        XCTAssertTrue(both.stderr.hasPrefix("error: \(postgres.path): the folder has both archive.sqlite and archive.database"), both.stderr)
    }

    func testAServerThatCannotBeReachedIsNamedAndInitLeavesNoFolder() throws {
        let folder = try TestSupport.scratchFolder()
        let nowhere = "postgres://archive:secret@/dialects?host=\(folder.path)/no-server"
        let archive = folder.appendingPathComponent("archive")
        let refused = try TestSupport.cli(["init", "--database", nowhere], archive: archive)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.hasPrefix("error: \(archive.path): the archive's database could not be opened: "
                                               + "postgres://archive:***@/dialects?host=\(folder.path)/no-server: could not connect: "), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("secret"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: archive.path), "no folder is left half-made")

        // An archive whose server is gone: every command says which archive and which address.
        let address = try TestPostgres.freshDatabase()
        try cli(["init", "--database", address], archive)
        try (nowhere + "\n").write(to: archive.appendingPathComponent("archive.database"), atomically: true, encoding: .utf8)
        for command in [["list", "recordings"], ["search", "月光"], ["log"]] {
            let result = try TestSupport.cli(command, archive: archive)
            XCTAssertEqual(result.status, 1, "\(command)")
            XCTAssertTrue(result.stderr.hasPrefix("error: \(archive.path): the archive's database could not be opened: postgres://archive:***@/dialects?host="),
                          "\(command): \(result.stderr)")
        }
        try "mysql://archive@db/dialects\n".write(to: archive.appendingPathComponent("archive.database"), atomically: true, encoding: .utf8)
        let garbled = try TestSupport.cli(["list", "recordings"], archive: archive)
        XCTAssertEqual(garbled.status, 1)
        XCTAssertTrue(garbled.stderr.hasPrefix("error: \(archive.path)/archive.database: does not name a PostgreSQL database: mysql://archive@db/dialects: not a PostgreSQL address"),
                      garbled.stderr)

        let badAddress = try TestSupport.cli(["init", "--database", "db.example.org/dialects"], archive: folder.appendingPathComponent("other"))
        XCTAssertNotEqual(badAddress.status, 0)
        XCTAssertTrue(badAddress.stderr.contains("--database: db.example.org/dialects: not a PostgreSQL address"), badAddress.stderr)
    }

    func testTheEnvironmentChoosesTheDatabaseOfInitUnlessDatabaseIsGiven() throws {
        let folder = try TestSupport.scratchFolder()
        let address = try TestPostgres.freshDatabase()
        func initialise(_ name: String, _ arguments: [String] = []) throws -> URL {
            let archive = folder.appendingPathComponent(name)
            let result = try TestSupport.run(TestSupport.cli.path, ["init", "--archive", archive.path] + arguments,
                                             environment: ["DIALECT_ARCHIVE_DATABASE": address])
            XCTAssertEqual(result.status, 0, result.stderr)
            return archive
        }
        let fromEnvironment = try initialise("postgres")
        XCTAssertEqual(try String(contentsOf: fromEnvironment.appendingPathComponent("archive.database"), encoding: .utf8), address + "\n")
        XCTAssertEqual(try Archive.open(at: fromEnvironment).store.kind, .postgres)

        let sqlite = try initialise("sqlite", ["--database", "sqlite"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: sqlite.appendingPathComponent("archive.sqlite").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: sqlite.appendingPathComponent("archive.database").path))
    }

    func testAReadOnlyDatabaseAnswersReadsAndRefusesChanges() throws {
        let folder = try TestSupport.scratchFolder()
        let address = try TestPostgres.freshDatabase()
        let archive = folder.appendingPathComponent("archive")
        try cli(["init", "--database", address], archive)
        try cli(["ingest"] + metadataAndTranscripts, archive)
        let readOnly = try TestSupport.run("psql", [address, "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-c",
                                                    "ALTER DATABASE \"\(try PostgresAddress(address).database)\" SET default_transaction_read_only = on"])
        XCTAssertEqual(readOnly.status, 0, readOnly.stderr)

        XCTAssertTrue(try Archive.open(at: archive).isReadOnly)
        XCTAssertTrue(try cli(["search", "月光"], archive).stdout.contains("月光"))
        XCTAssertTrue(try cli(["list", "sessions"], archive).stdout.contains("gz-cihui"))
        let changing = try TestSupport.cli(["access", "set", "gz-cihui", "closed"], archive: archive)
        XCTAssertEqual(changing.status, 1)
        XCTAssertTrue(changing.stderr.contains("the archive at \(archive.path) is read-only"), changing.stderr)
    }

    /// The hash of the last event in the SQLite database at `file`.
    private func lastEventHash(_ file: URL) throws -> String? {
        let database = try DatabaseQueue(path: file.path)
        defer { try? database.close() }
        return try database.read { db in try String.fetchOne(db, sql: "SELECT hash FROM event ORDER BY id DESC LIMIT 1") }
    }

    /// What the web server answers to a search of the archive.
    private func servedSearch(_ archive: URL) async throws -> String {
        let server = try WebServerProcess(archive: archive)
        defer { server.stop() }
        let reply = try await server.get("/api/search?q=" + WebServerProcess.encoded("月光"))
        XCTAssertEqual(reply.status, 200, reply.text)
        return reply.text
    }

    func testMigrateDatabaseSwitchesTheFolderAndEveryCommandThenReadsPostgres() async throws {
        let (archive, url) = try SampleArchive.ingested(#function, on: .sqlite)
        let before = try ["月光", "\"tʂʰʅ lə\"", "tsou OR tuo"].map { try answer(["search", $0, "--json"], url) }
        let show = try answer(["show", "1"], url)
        let listing = try answer(["list", "recordings"], url)
        let served = try await servedSearch(url)
        let head = try archive.events().last?.hash
        let address = try TestPostgres.freshDatabase()

        let moved = try cli(["migrate-database", "--to", address, "--queries", "3"], url)
        XCTAssertTrue(moved.stdout.contains("both databases hold the same\n"), moved.stdout)
        XCTAssertTrue(moved.stdout.hasSuffix("the archive at \(url.path) now uses PostgreSQL, \(try PostgresAddress(address)) (named in archive.database); "
                                             + "its SQLite database is kept as archive.sqlite.before-postgres "
                                             + "(with archive.sqlite.before-postgres-wal and archive.sqlite.before-postgres-shm)\n"), moved.stdout)
        let named = url.appendingPathComponent("archive.database")
        XCTAssertEqual(try String(contentsOf: named, encoding: .utf8), address + "\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: named.path)[.posixPermissions] as? Int, 0o600)
        let files = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasPrefix("archive.") }.sorted()
        XCTAssertEqual(files.filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") }, ["archive.database", "archive.sqlite.before-postgres"])

        // The copy kept beside is the archive as it was: its own log still ends where the copy began.
        XCTAssertEqual(try lastEventHash(url.appendingPathComponent("archive.sqlite.before-postgres")), head)
        // Nothing is read from SQLite any more.
        for file in try FileManager.default.contentsOfDirectory(atPath: url.path) where file.hasPrefix("archive.sqlite") {
            try FileManager.default.removeItem(at: url.appendingPathComponent(file))
        }
        XCTAssertEqual(try ["月光", "\"tʂʰʅ lə\"", "tsou OR tuo"].map { try answer(["search", $0, "--json"], url) }, before)
        XCTAssertEqual(try answer(["show", "1"], url), show)
        XCTAssertEqual(try answer(["list", "recordings"], url), listing)
        XCTAssertTrue(try cli(["verify"], url).stdout.contains("all intact"))
        let servedAfter = try await servedSearch(url)
        XCTAssertEqual(servedAfter, served)
        XCTAssertTrue(served.contains("月光"), served)
        let reopened = try Archive.open(at: url)
        XCTAssertEqual(reopened.store.kind, .postgres)
        let moveEvent = try XCTUnwrap(reopened.events().first { $0.kind == "migrate-database" })
        XCTAssertEqual(moveEvent.summary, "the archive's database moved from SQLite to PostgreSQL, \(try PostgresAddress(address))")

        let again = try TestSupport.cli(["migrate-database", "--to", try TestPostgres.freshDatabase()], archive: url)
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "error: \(url.path): the archive's database is already PostgreSQL, \(try PostgresAddress(address)); "
                       + "only an archive whose database is SQLite can be copied to PostgreSQL\n")
    }

    func testAChangeThatWaitedForTheMoveIsRefusedAndNotWrittenAnywhere() throws {
        let (archive, url) = try SampleArchive.ingested(#function, on: .sqlite)
        try SampleArchive.repeatSegments(in: archive, times: 300)
        let address = try TestPostgres.freshDatabase()
        let migration = try DatabaseMigrationTests.migrationCopyingSegments(to: address, archive: url)
        // Opened on SQLite during the copy, it waits for the lock the move holds: then the kept
        // database refuses it, or, on a machine so busy that the move takes longer than a
        // writer waits (30 s), the wait ends it first.
        let waited = try TestSupport.cli(["access", "set", "gz-cihui", "closed", "--reason", "consent withdrawn"], archive: url)
        migration.waitUntilExit()
        XCTAssertEqual(migration.terminationStatus, 0)
        XCTAssertEqual(waited.status, 1)
        XCTAssertTrue(waited.stderr.contains("this SQLite database was kept when the archive moved to PostgreSQL and takes no changes: "
                                             + "run the command again, on the archive as it is now")
                      || waited.stderr.contains("database is locked"), waited.stderr)

        let moved = try Archive.open(at: url)
        XCTAssertEqual(moved.store.kind, .postgres)
        let events = try moved.events()
        XCTAssertEqual(events.last?.kind, "migrate-database", "\(events.map(\.summary))")
        XCTAssertEqual(events.dropLast().last?.hash, try lastEventHash(url.appendingPathComponent("archive.sqlite.before-postgres")),
                       "the kept database ends where the copy did")
        XCTAssertEqual(try cli(["access", "set", "gz-cihui", "closed", "--reason", "consent withdrawn"], url).status, 0)
        XCTAssertEqual(try Archive.open(at: url).events().last?.summary, "access of session gz-cihui: open → closed")
    }

    func testAMigrationWhoseProofFailsLeavesTheFolderOnSQLite() throws {
        let (_, url) = try SampleArchive.ingested(#function, on: .sqlite)
        let address = try TestPostgres.freshDatabase()
        // The target alters one recording's checksum as it is copied in.
        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        try PostgresSchema.migrate(database)
        try database.execute("""
            CREATE FUNCTION spoil() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.id = 1 THEN NEW.sha256 := repeat('0', 64); END IF; RETURN NEW; END $$
            """)
        try database.execute("CREATE TRIGGER spoil BEFORE INSERT ON recording FOR EACH ROW EXECUTE FUNCTION spoil()")
        database.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()

        let result = try TestSupport.cli(["migrate-database", "--to", address, "--queries", "2"], archive: url)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("DIFFERS  recording 1: checksum 0000000000000000000000000000000000000000000000000000000000000000 on PostgreSQL"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("the archive at \(url.path) still uses its SQLite database: the copy differs, so it was not switched\n"), result.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.path).sorted().filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") },
                       files.filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") })
        XCTAssertEqual(try Archive.open(at: url).store.kind, .sqlite)
        XCTAssertTrue(try cli(["search", "月光"], url).stdout.contains("月光"))
    }

    func testKeepSQLiteCopiesAndProvesOnlyAndAFileKeptByAnEarlierMoveIsNeverOverwritten() throws {
        let (_, url) = try SampleArchive.ingested(#function, on: .sqlite)
        let files = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        let kept = try cli(["migrate-database", "--to", try TestPostgres.freshDatabase(), "--queries", "2", "--keep-sqlite", "--json"], url)
        let object = try JSONSerialization.jsonObject(with: kept.output) as? [String: Any]
        XCTAssertEqual((object?["proof"] as? [String: Any])?["differences"] as? [String], [])
        XCTAssertTrue(object?["switched"] is NSNull, "\(object ?? [:])")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.path).sorted(), files)
        XCTAssertEqual(try Archive.open(at: url).store.kind, .sqlite)

        // A file kept by an earlier move is never overwritten: refused before anything is copied.
        let inTheWay = url.appendingPathComponent("archive.sqlite.before-postgres")
        try Data("earlier".utf8).write(to: inTheWay)
        let address = try TestPostgres.freshDatabase()
        let refused = try TestSupport.cli(["migrate-database", "--to", address], archive: url)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "error: \(inTheWay.path): kept from an earlier move to PostgreSQL; move it out of the archive folder first\n")
        XCTAssertEqual(try Data(contentsOf: inTheWay), Data("earlier".utf8))
        let tables = try TestSupport.run("psql", [address, "--no-psqlrc", "-At", "-c", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"])
        XCTAssertEqual(tables.stdout, "0\n", "nothing was copied")
    }

    func testAReadOnlyArchiveIsCopiedAndProvenButNeverSwitched() throws {
        let (_, url) = try SampleArchive.ingested(#function, on: .sqlite)
        let view = url.deletingLastPathComponent().appendingPathComponent("read-only")
        try TestMount.readOnly(url, at: view)
        addTeardownBlock { TestMount.unmount(view) }
        let address = try TestPostgres.freshDatabase()
        let refused = try TestSupport.cli(["migrate-database", "--to", address], archive: view)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "error: \(view.path): the archive is read-only, so its folder cannot be switched to PostgreSQL "
                       + "(migrate-database --keep-sqlite copies and proves without switching)\n")
        let tables = try TestSupport.run("psql", [address, "--no-psqlrc", "-At", "-c", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"])
        XCTAssertEqual(tables.stdout, "0\n", "nothing was copied")

        let kept = try cli(["migrate-database", "--to", address, "--keep-sqlite", "--queries", "2"], view)
        XCTAssertTrue(kept.stdout.hasSuffix("both databases hold the same\nthe archive at \(view.path) still uses its SQLite database (--keep-sqlite)\n"), kept.stdout)
    }

    /// Recordings too: the whole sample ingested into an archive made by `init --database`
    /// answers `search` and `show` as the SQLite archive of the same sample does.
    func testTheWholeSampleIngestedIntoAPostgresArchiveAnswersAsOnSQLite() throws {
        let folder = try TestSupport.scratchFolder()
        let postgres = folder.appendingPathComponent("postgres"), sqlite = folder.appendingPathComponent("sqlite")
        try cli(["init", "--database", try TestPostgres.freshDatabase()], postgres)
        try cli(["init"], sqlite)
        let sample = [repository.appendingPathComponent("recordings").path, repository.appendingPathComponent("transcripts").path]
        // The metadata, then one recording at a time in name order, so that both number them
        // alike (one ingest stores its files in parallel, in whichever order they finish).
        let names: [String] = try FileManager.default.contentsOfDirectory(atPath: sample[0]).sorted()
        let metadata: [String] = names.filter { $0.hasSuffix(".csv") }.map { sample[0] + "/" + $0 }
        let audio: [[String]] = names.filter { !$0.hasSuffix(".csv") && !$0.hasSuffix(".md") }.map { [sample[0] + "/" + $0] }
        let batches: [[String]] = [metadata] + audio + [[sample[1]]]
        for archive in [postgres, sqlite] {
            for batch in batches {
                let ingest = try TestSupport.cli(["ingest"] + batch, archive: archive)
                XCTAssertEqual(ingest.status, 0, "\(archive.lastPathComponent): \(ingest.stderr)")
                guard ingest.status == 0 else { return }
            }
        }
        for command in [["search", "月光"], ["search", "\"tʂʰʅ lə\"", "--json"], ["search", "太阳", "--dialect", "粤语"],
                        ["show", "1"], ["show", "gz-cihui"], ["list", "recordings"], ["stats"], ["identify", sample[0] + "/gz-yf-cihui.wav"]] {
            XCTAssertEqual(try answer(command, postgres), try answer(command, sqlite), "\(command)")
        }
    }
}

/// A JSON value read only for its text, for comparing printed JSON field by field.
private struct AnyJSON: Decodable {
    var text: String?

    init(from decoder: Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}
