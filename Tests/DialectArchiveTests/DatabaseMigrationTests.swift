@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// `migrate-database` copies an SQLite archive's database into an empty PostgreSQL database,
/// all or nothing, and its proof finds every difference between the two.
final class DatabaseMigrationTests: XCTestCase {
    /// Searches of every kind, each written from the sample collection's own texts.
    static let queriesOfEveryKind = [
        SampledQuery(kind: "one character", text: "多"), SampledQuery(kind: "one character", text: "月"),
        SampledQuery(kind: "one character", text: "吃"), SampledQuery(kind: "one character", text: "鱼"),
        SampledQuery(kind: "two characters", text: "月光"), SampledQuery(kind: "two characters", text: "热头"),
        SampledQuery(kind: "two characters", text: "出去"), SampledQuery(kind: "two characters", text: "食烟"),
        SampledQuery(kind: "three characters", text: "出去走"), SampledQuery(kind: "three characters", text: "吃了吗"),
        SampledQuery(kind: "three characters", text: "钓咗条"),
        SampledQuery(kind: "IPA syllable", text: "tʂʰʅ⁵⁵"), SampledQuery(kind: "IPA syllable", text: "nin"),
        SampledQuery(kind: "IPA syllable", text: "kʷɔŋ˥˥"), SampledQuery(kind: "IPA syllable", text: "tsou"),
        SampledQuery(kind: "quoted phrase", text: "\"tʂʰʅ lə\""), SampledQuery(kind: "quoted phrase", text: "\"nin³⁵ man⁵¹\""),
        SampledQuery(kind: "quoted phrase", text: "\"出去 走走\""), SampledQuery(kind: "quoted phrase", text: "\"吃了，您呢\""),
        SampledQuery(kind: "OR", text: "月光 OR 热头"), SampledQuery(kind: "OR", text: "tsou OR tuo"), SampledQuery(kind: "OR", text: "鱼 OR 烟"),
        SampledQuery(kind: "prefix", text: "tʂ*"), SampledQuery(kind: "prefix", text: "ts*"), SampledQuery(kind: "prefix", text: "kʷ*"),
        SampledQuery(kind: "prefix", text: "月*"),
    ]

    func testTheSampleArchiveMigratesAndEveryKindOfSearchAnswersTheSameOnBoth() throws {
        let (archive, url) = try SampleArchive.ingested(#function, on: .sqlite)
        let address = try TestPostgres.freshDatabase()
        let before = try databaseFiles(url)
        var steps: [String] = []
        let copied = try DatabaseMigration.copy(archive, to: address) { if case .copied(let table) = $0 { steps.append(table.table) } }
        XCTAssertEqual(steps, ["landmark"] + PostgresSchema.catalogueTables + ["segment_search"])
        XCTAssertGreaterThan(copied.tables.first { $0.table == "segment" }?.rows ?? 0, 50)
        XCTAssertGreaterThan(copied.tables.first { $0.table == "landmark" }?.rows ?? 0, 1_000)

        let sampled = try SearchSample.queries(from: archive, perKind: 5)
        XCTAssertEqual(Set(sampled.map(\.kind)), Set(SearchSample.kinds), "the sample holds every kind: \(sampled)")
        let proof = try DatabaseMigrationProof.check(archive, against: address, queries: Self.queriesOfEveryKind + sampled)
        XCTAssertEqual(proof.differences, [])
        XCTAssertTrue(proof.passed)
        for kind in SearchSample.kinds {
            let asked = proof.queries.filter { $0.kind == kind }
            XCTAssertGreaterThanOrEqual(asked.count, 4, kind)
            XCTAssertTrue(asked.allSatisfy { $0.sameIds && $0.sqliteCount == $0.postgresCount }, "\(kind): \(asked)")
            XCTAssertTrue(asked.allSatisfy { $0.sqliteCount > 0 }, "every query finds something, or the comparison proves little: \(asked)")
        }
        XCTAssertEqual(proof.tables.count, PostgresSchema.catalogueTables.count + 2)
        XCTAssertTrue(proof.tables.allSatisfy { $0.sqlite == $0.postgres })
        XCTAssertGreaterThan(proof.recordingsCompared, 5)
        XCTAssertGreaterThan(proof.events, 1)
        XCTAssertEqual(proof.postgresHead, try archive.database!.read { db in try String.fetchOne(db, sql: "SELECT hash FROM event ORDER BY id DESC LIMIT 1") })
        XCTAssertGreaterThan(proof.rowsCompared, proof.tables.first { $0.table == "segment" }!.sqlite)
        XCTAssertEqual(try databaseFiles(url), before, "the SQLite archive is only read")

        // Rows added on PostgreSQL get ids past those copied.
        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        defer { database.close() }
        let newId = try database.rows("""
            INSERT INTO event (kind, at, "user", host, working_directory, arguments, summary, details)
            VALUES ('test', 'now', 'me', 'here', '/', '[]', 'added', '{}') RETURNING id
            """)[0].decode(Int64.self)
        XCTAssertEqual(newId, Int64(proof.events) + 1)
    }

    func testTextWithTabsNewlinesAndBackslashesDoublesAndBooleansCopyValueForValue() throws {
        let (archive, _) = try SampleArchive.ingested(#function, on: .sqlite)
        let awkward = "tab\there\nnew line\r\\N back\\slash 'single' \"double\""
        let peer = "https://peer.example.org/oai"
        try archive.database!.write { db in
            try db.execute(sql: "UPDATE locality SET extra = ?, latitude = 22.123456789012345 WHERE id = (SELECT min(id) FROM locality)",
                           arguments: [awkward])
            try db.execute(sql: "INSERT INTO remote_archive VALUES (?, 'Peer', 'https://peer.example.org', 'oai_dc', 'then', 'now')", arguments: [peer])
            try db.execute(sql: """
                INSERT INTO remote_session (base_url, identifier, datestamp, deleted, latitude, landing_url, harvested_at)
                VALUES (?1, 'oai:1', '2026', 1, 1e-7, 'https://peer.example.org/1', 'now'), (?1, 'oai:2', '2026', 0, NULL, 'https://peer.example.org/2', 'now')
                """, arguments: [peer])
            try db.execute(sql: "INSERT INTO failed_login (account_name, address, at) VALUES (?, NULL, 'now')", arguments: [awkward])
        }
        let address = try TestPostgres.freshDatabase()
        try DatabaseMigration.copy(archive, to: address)
        XCTAssertEqual(try DatabaseMigrationProof.check(archive, against: address, queries: []).differences, [])

        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        defer { database.close() }
        let locality = try database.rows("SELECT latitude FROM locality WHERE extra = \(awkward)")
        XCTAssertEqual(try locality.map { try $0.decode(Double.self) }, [22.123456789012345])
        let sessions = try database.rows("SELECT identifier, deleted, latitude FROM remote_session ORDER BY identifier")
            .map { try $0.decode((String, Bool, Double?).self) }
        XCTAssertEqual(sessions.map(\.0), ["oai:1", "oai:2"])
        XCTAssertEqual(sessions.map(\.1), [true, false])
        XCTAssertEqual(sessions.map(\.2), [1e-7, nil])
        XCTAssertEqual(try database.rows("SELECT count(*) FROM failed_login WHERE account_name = \(awkward) AND address IS NULL")[0].decode(Int64.self), 1)

        try database.execute("UPDATE locality SET extra = replace(extra, E'\\t', ' ') WHERE extra = \(awkward)")
        XCTAssertEqual(try DatabaseMigrationProof.check(archive, against: address, queries: []).differences,
                       ["locality: 1 rows on SQLite have no equal on PostgreSQL, and 1 on PostgreSQL none on SQLite"])
    }

    func testASecondMigrationIntoTheSameDatabaseIsRefusedNamingItWithoutItsPasswordAndChangesNothing() throws {
        let (archive, _) = try SampleArchive.ingested(#function, on: .sqlite)
        var address = URLComponents(string: try TestPostgres.freshDatabase())!
        address.password = "secret"
        try DatabaseMigration.copy(archive, to: address.string!)
        let first = try DatabaseMigrationProof.check(archive, against: address.string!, queriesPerKind: 2)
        XCTAssertTrue(first.passed, "\(first.differences)")

        XCTAssertThrowsError(try DatabaseMigration.copy(archive, to: address.string!)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("postgres://postgres:***@/\(address.path.dropFirst())?host="), message)
            XCTAssertTrue(message.contains("already holds archive rows (in collection, locality, speaker, session"), message)
            XCTAssertFalse(message.contains("secret"), message)
        }
        let second = try DatabaseMigrationProof.check(archive, against: address.string!, queriesPerKind: 2)
        XCTAssertEqual(second.tables, first.tables, "nothing was added, landmarks included")
        XCTAssertTrue(second.passed, "\(second.differences)")
    }

    func testAPostgresRowAlteredAfterTheCopyMakesTheProofFailNamingIt() throws {
        let (archive, _) = try SampleArchive.ingested(#function, on: .sqlite)
        let address = try TestPostgres.freshDatabase()
        try DatabaseMigration.copy(archive, to: address)
        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        defer { database.close() }
        let moon = SampledQuery(kind: "two characters", text: "月光")
        func differences() throws -> [String] {
            try DatabaseMigrationProof.check(archive, against: address, queries: [moon]).differences
        }
        XCTAssertEqual(try differences(), [])

        let recording = try database.rows("SELECT min(id) FROM recording")[0].decode(Int64.self)
        let original = try database.rows("SELECT sha256 FROM recording WHERE id = \(recording)")[0].decode(String.self)
        try database.execute("UPDATE recording SET sha256 = \(String(repeating: "0", count: 64)) WHERE id = \(recording)")
        XCTAssertTrue(try differences().contains("recording \(recording): checksum \(String(repeating: "0", count: 64)) on PostgreSQL, \(original) on SQLite"))
        try database.execute("UPDATE recording SET sha256 = \(original) WHERE id = \(recording)")

        try database.execute("UPDATE event SET summary = summary || ' (edited)' WHERE id = 2")
        let edited = try differences()
        XCTAssertTrue(edited.contains { $0.hasPrefix("audit trail on PostgreSQL: event 2 (") && $0.hasSuffix("its content, or a change set it carries, no longer matches its hash: it was changed after it was recorded") }, "\(edited)")
        XCTAssertTrue(edited.contains("event 2: its values differ"), "\(edited)")
        try database.execute("UPDATE event SET summary = left(summary, -9) WHERE id = 2")
        XCTAssertEqual(try differences(), [])

        let segment = try database.rows("SELECT max(id) FROM segment")[0].decode(Int64.self)
        try database.execute("UPDATE segment SET text = 'altered' WHERE id = \(segment)")
        XCTAssertEqual(try differences(), ["segment \(segment): its values differ"])
        let text = try archive.database!.read { db in try String.fetchOne(db, sql: "SELECT text FROM segment WHERE id = ?", arguments: [segment])! }
        try database.execute("UPDATE segment SET text = \(text) WHERE id = \(segment)")

        let found = try archive.database!.read { db in try Int64.fetchAll(db, sql: "SELECT rowid FROM segment_fts WHERE segment_fts MATCH '\"月光\"' ORDER BY rowid") }
        XCTAssertFalse(found.isEmpty)
        try database.execute("DELETE FROM segment_search WHERE id = \(found[0])")
        let deleted = try differences()
        let count = try archive.database!.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM segment WHERE facets IS NOT NULL")! }
        XCTAssertTrue(deleted.contains("segment_search: \(count) rows on SQLite, \(count - 1) on PostgreSQL"), "\(deleted)")
        XCTAssertTrue(deleted.contains("search 月光 (two characters): \(found.count) hits on SQLite, \(found.count - 1) on PostgreSQL"), "\(deleted)")
        XCTAssertTrue(deleted.contains("search 月光 (two characters): the hits differ from the 1st on (segment \(found[0]) on SQLite, "
                                       + "\(found.count > 1 ? "\(found[1])" : "none") on PostgreSQL)"), "\(deleted)")
    }

    func testTheCommandCopiesPrintsItsProofAndRefusesASecondCopy() throws {
        let (_, url) = try SampleArchive.ingested(#function, on: .sqlite)
        let address = try TestPostgres.freshDatabase()
        let result = try TestSupport.cli(["migrate-database", "--to", address, "--queries", "3", "--keep-sqlite"], archive: url)
        XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
        for line in ["copying segment … 86 rows in ", "copying segment_search … 86 rows in ", "rows: 20 of 20 tables equal (collection ", "audit trail: ",
                     "searches: 21 compared by ordered ids", "equal: one character 3/3, two characters 3/3", "both databases hold the same",
                     "the archive at \(url.path) still uses its SQLite database (--keep-sqlite)"] {
            XCTAssertTrue(result.stdout.contains(line), "\(line) in \(result.stdout)")
        }

        let again = try TestSupport.cli(["migrate-database", "--to", address], archive: url)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.hasPrefix("error: \(try PostgresAddress(address)): the database already holds archive rows"), again.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.appendingPathComponent("archive.database").path), "a refused copy switches nothing")

        let target = try TestPostgres.freshDatabase()
        let json = try TestSupport.cli(["migrate-database", "--to", target, "--json", "--queries", "2"], archive: url)
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try JSONSerialization.jsonObject(with: json.output) as? [String: Any]
        let proof = object?["proof"] as? [String: Any]
        XCTAssertEqual(proof?["differences"] as? [String], [])
        XCTAssertEqual((proof?["queries"] as? [Any])?.count, 14)
        let switched = object?["switched"] as? [String: Any]
        XCTAssertEqual(switched?["address"] as? String, "\(try PostgresAddress(target))")
        XCTAssertEqual((switched?["kept"] as? [String])?.first, "archive.sqlite.before-postgres")
        XCTAssertTrue(json.stderr.contains("copying segment …"), "progress goes to stderr with --json")
    }

    func testAMigrationKilledDuringTheCopyLeavesNoArchiveRowsAndARerunSucceeds() throws {
        let (archive, url) = try SampleArchive.ingested(#function, on: .sqlite)
        try SampleArchive.repeatSegments(in: archive, times: 1000)
        let segments = try archive.database!.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM segment")! }
        XCTAssertGreaterThan(segments, 80_000)
        let address = try TestPostgres.freshDatabase()

        let process = try Self.migrationCopyingSegments(to: address, archive: url)
        usleep(300_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)

        let counts = try TestSupport.run("psql", [address, "--no-psqlrc", "-At", "-v", "ON_ERROR_STOP=1", "-c",
                                                  DatabaseMigration.archiveTables.map { "SELECT '\($0)', count(*) FROM \($0)" }.joined(separator: " UNION ALL ")])
        XCTAssertEqual(counts.stdout, DatabaseMigration.archiveTables.map { "\($0)|0\n" }.joined(), counts.stderr)

        let rerun = try TestSupport.cli(["migrate-database", "--to", address, "--queries", "3"], archive: url)
        XCTAssertEqual(rerun.status, 0, rerun.stderr + rerun.stdout)
        XCTAssertTrue(rerun.stdout.contains("copying segment … \(segments) rows in "), rerun.stdout)
        XCTAssertTrue(rerun.stdout.contains("both databases hold the same"), rerun.stdout)
    }

    /// `migrate-database` running on `archive`, once it has begun copying the segments (its
    /// output after that is not read).
    static func migrationCopyingSegments(to address: String, archive: URL) throws -> Process {
        let process = Process()
        process.executableURL = TestSupport.cli
        process.arguments = ["migrate-database", "--to", address, "--archive", archive.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = ""
        while !seen.contains("copying segment …") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty {
                throw NSError(domain: "migrate-database", code: 1, userInfo: [NSLocalizedDescriptionKey: "it ended before copying segments: \(seen)"])
            }
            seen += String(decoding: data, as: UTF8.self)
        }
        return process
    }

    /// The checksums of the archive's database file and its write-ahead log.
    private func databaseFiles(_ url: URL) throws -> [String] {
        try ["archive.sqlite", "archive.sqlite-wal"].map { name in
            let file = url.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: file.path) ? try TestSupport.sha256sum(file) : "none"
        }
    }
}
