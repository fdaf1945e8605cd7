@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest
import GRDB

/// The library's statements, written once, behave the same on SQLite and on PostgreSQL: values
/// of every kind, accounts with their grants and logins, and the audit trail's chain.
final class StoreBackendTests: XCTestCase {
    /// An empty archive on SQLite, and the same folder with its records on a fresh PostgreSQL
    /// database (each with the collection `sample`).
    private func archives(_ name: String = #function) throws -> [(label: String, archive: Archive, postgres: PostgresDatabase?)] {
        let address = try TestPostgres.freshDatabase(name)
        let sqlite = try Archive.create(at: try TestSupport.scratchFolder(name))
        let database = try PostgresDatabase.connect(try PostgresAddress(address))
        addTeardownBlock { database.close() }
        try PostgresSchema.migrate(database)
        let postgres = Archive(url: sqlite.url, postgres: database)
        try postgres.store.write { db in
            var created = AuditEvent(kind: "init", summary: "created the archive", details: [:])
            try created.append(db)
        }
        for archive in [sqlite, postgres] {
            try archive.store.write { db in
                try db.execute("INSERT INTO collection (id, title, created_at) VALUES (?, ?, ?)", ["sample", "Sample", "2026-12-06T00:00:00Z"])
            }
        }
        return [("SQLite", sqlite, nil), ("PostgreSQL", postgres, database)]
    }

    func testValuesOfEveryKindReadBackTheSameFromBothDatabases() throws {
        let values: [SQLValue] = [.integer(Int64.max), .integer(-1), .real(0.1 + 0.2), .real(-1e-300), .text("它's a '?' 'x'\t\\ \n 🎵"),
                                  .text(""), .blob([0, 1, 254, 255]), .blob([]), .null]
        for (label, archive, _) in try archives() {
            let read = try archive.store.write { db -> [SQLValue] in
                try db.execute("CREATE TEMPORARY TABLE probe (n integer, i bigint, r double precision, s text, b bytea)")
                for value in values {
                    let column = ["integer": "i", "real": "r", "text": "s", "blob": "b", "null": "s"][Self.kindName(value)]!
                    try db.execute("INSERT INTO probe (n, \(column)) VALUES ((SELECT count(*) FROM probe), ?)", [value])
                }
                return try db.rows("SELECT i, r, s, b FROM probe ORDER BY n").map { row in row.values.first { $0 != .null } ?? .null }
            }
            XCTAssertEqual(read, values, label)
            let placeholders = try archive.store.read { db in
                try db.row("SELECT ?2 || '?' || ?1, ? = ?", ["a", "b", 1, 1])
            }
            XCTAssertEqual(placeholders?.values, [.text("b?a")] + [label == "SQLite" ? .integer(1) : .boolean(true)], label)
            XCTAssertEqual(placeholders.map { $0[1] as Bool }, true, label)
        }
    }

    private static func kindName(_ value: SQLValue) -> String {
        switch value {
        case .null: return "null"
        case .integer: return "integer"
        case .real: return "real"
        case .text: return "text"
        case .blob: return "blob"
        case .boolean: return "integer"
        }
    }

    /// The same account commands, refusals and logins, told as lines, from either database.
    private func accountStory(_ archive: Archive) throws -> [String] {
        var story: [String] = []
        func attempt(_ what: String, _ body: () throws -> Void) {
            do {
                try body()
                story.append("\(what): done")
            } catch {
                story.append("\(what): \(error)")
            }
        }
        attempt("add rita") { try archive.addAccount("rita", role: .researcher, password: "a long secret") }
        attempt("add anna") { try archive.addAccount("anna", role: .archivist, password: "another secret") }
        attempt("add rita again") { try archive.addAccount("rita", role: .admin, password: "a third secret") }
        attempt("grant sample") { try archive.grant("rita", collection: "sample") }
        attempt("grant sample again") { try archive.grant("rita", collection: "sample") }
        attempt("grant unknown") { try archive.grant("rita", collection: "elsewhere") }
        attempt("grant to nobody") { try archive.grant("nobody", collection: "sample") }
        story += try archive.accounts().map { "\($0.name) \($0.role.rawValue) \($0.collections)" }
        attempt("wrong password") { _ = try archive.logIn("rita", password: "not it", address: "192.0.2.1") }
        let login = try archive.logIn("rita", password: "a long secret", address: "192.0.2.1")
        let found = try archive.login(token: login.token, address: "192.0.2.1")
        story.append("login: \(found?.reader.account?.name ?? "none") \(found?.csrfToken == login.csrfToken)")
        try archive.logOut(token: login.token)
        story.append("after logout: \(try archive.login(token: login.token, address: nil) == nil ? "none" : "still")")
        for _ in 0..<Archive.allowedFailedLogins { _ = try? archive.logIn("anna", password: "wrong", address: "198.51.100.7") }
        attempt("right password after failures") { _ = try archive.logIn("anna", password: "another secret", address: "198.51.100.7") }
        attempt("revoke") { try archive.revoke("rita", collection: "sample") }
        attempt("revoke again") { try archive.revoke("rita", collection: "sample") }
        attempt("remove anna") { try archive.removeAccount("anna") }
        story += try archive.accounts().map { "\($0.name) \($0.role.rawValue) \($0.collections)" }
        story += try archive.events().filter { $0.kind == "account" }.map(\.summary)
        let ritas = try archive.auditLog(user: "rita", as: .owner(includeRestricted: false))
        story.append("events naming rita: \(ritas.total): \(ritas.events.map(\.summary))")
        story.append("kinds: \(try archive.auditEventKinds(as: .owner(includeRestricted: false)))")
        return story
    }

    func testAccountsGrantsLoginsAndTheirEventsAreTheSameOnBothDatabases() throws {
        let stories = try archives().map { ($0.label, try accountStory($0.archive), $0.postgres) }
        XCTAssertEqual(stories[0].1, stories[1].1)
        let story = stories[1].1
        XCTAssertTrue(story.contains("add rita again: there is already an account named rita"), "\(story)")
        XCTAssertTrue(story.contains("grant unknown: there is no collection 'elsewhere' in the archive"), "\(story)")
        XCTAssertTrue(story.contains("login: rita true"), "\(story)")
        XCTAssertTrue(story.contains("after logout: none"), "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("right password after failures: too many failed logins") }, "\(story)")
        XCTAssertTrue(story.contains("rita researcher [\"sample\"]"), "\(story)")
        XCTAssertTrue(story.contains("rita researcher []"), "\(story)")
        let chain = try PostgresAuditChain.check(stories[1].2!)
        XCTAssertEqual(chain.breaks, [])
        XCTAssertEqual(chain.events, try stories[1].2!.rows("SELECT count(*) FROM event")[0].decode(Int.self))
        XCTAssertGreaterThan(chain.events, 4)
    }

    /// Two writers on two connections append at once; the trail must stay one chain, which
    /// needs the lock `append` takes (without it both would link to the same event).
    func testAppendsFromTwoConnectionsAtOnceKeepPostgreSQLsTrailOneChain() throws {
        let address = try PostgresAddress(try TestPostgres.freshDatabase())
        let first = try PostgresDatabase.connect(address), second = try PostgresDatabase.connect(address)
        defer { first.close(); second.close() }
        try PostgresSchema.migrate(first)
        let perWriter = 40
        let failures = DispatchQueue(label: "failures")
        var errors: [String] = []
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            let store = ArchiveStore(.postgres(writer == 0 ? first : second))
            for index in 0..<perWriter {
                do {
                    try store.write { db in
                        var event = AuditEvent(kind: "test", summary: "writer \(writer) event \(index)", details: [:])
                        try event.append(db)
                        // Hold the transaction a moment, as a real command's would be held by its other writes.
                        _ = try db.value("SELECT count(*) FROM event", as: Int.self)
                    }
                } catch {
                    failures.sync { errors.append("\(error)") }
                }
            }
        }
        XCTAssertEqual(errors, [])
        let chain = try PostgresAuditChain.check(first)
        XCTAssertEqual(chain.events, 2 * perWriter)
        XCTAssertEqual(chain.breaks, [])
    }
}

/// Records read and written whole through `StoreDatabase` match GRDB's own reading and writing
/// of the same rows, and copy to PostgreSQL and back unchanged.
final class StoredRecordTests: XCTestCase {
    func testRecordsOfTheSampleReadTheSameAsGRDBReadsThemAndWriteTheSameColumns() throws {
        let (archive, _) = try SampleArchive.ingested(#function, on: .sqlite)
        try archive.database!.read { db in
            let store = SQLiteStoreDatabase(db)
            XCTAssertEqual(try store.records(Recording.self, "SELECT * FROM recording ORDER BY id"), try Recording.order(Column("id")).fetchAll(db))
            XCTAssertEqual(try store.records(Session.self, "SELECT * FROM session ORDER BY id"), try Session.order(Column("id")).fetchAll(db))
            XCTAssertEqual(try store.records(Speaker.self, "SELECT * FROM speaker ORDER BY id"), try Speaker.order(Column("id")).fetchAll(db))
            XCTAssertEqual(try store.records(Locality.self, "SELECT * FROM locality ORDER BY id"), try Locality.order(Column("id")).fetchAll(db))
            XCTAssertEqual(try store.records(TranscriptFile.self, "SELECT * FROM transcript ORDER BY id"), try TranscriptFile.order(Column("id")).fetchAll(db))
            XCTAssertEqual(try store.records(Segment.self, "SELECT * FROM segment ORDER BY id LIMIT 500"), try Segment.order(Column("id")).limit(500).fetchAll(db))
            var recording = try Recording.fetchOne(db)!
            recording.warnings = ["a frame could not be decoded at 1.5 s"]
            recording.bitsPerSample = nil
            for record in [try SQLRecordEncoder.columns(of: recording), try SQLRecordEncoder.columns(of: try Locality.fetchOne(db)!),
                           try SQLRecordEncoder.columns(of: try Segment.fetchOne(db)!)] {
                XCTAssertFalse(record.isEmpty)
                for column in record {
                    XCTAssertTrue(try db.columns(in: recordTable(record)).contains { $0.name == column.name }, "\(column.name)")
                }
            }
            let grdb = try recording.databaseDictionary
            let ours = Dictionary(uniqueKeysWithValues: try SQLRecordEncoder.columns(of: recording).map { ($0.name, $0.value) })
            XCTAssertEqual(Set(grdb.keys), Set(ours.keys))
            XCTAssertEqual(ours["warnings"], .text(#"["a frame could not be decoded at 1.5 s"]"#))
            XCTAssertEqual(ours["bits_per_sample"], .null)
        }
    }

    /// The table a record's columns belong to, by one column only it has.
    private func recordTable(_ columns: [(name: String, value: SQLValue)]) -> String {
        let names = Set(columns.map(\.name))
        if names.contains("audio_sha256") { return "recording" }
        if names.contains("dialect_group") { return "locality" }
        return "segment"
    }

    func testTheSampleCatalogueCopiesToPostgreSQLRecordByRecordAndReadsBackUnchanged() throws {
        let (archive, _) = try SampleArchive.ingested(#function, on: .sqlite)
        let database = try PostgresDatabase.connect(try PostgresAddress(try TestPostgres.freshDatabase()))
        defer { database.close() }
        try PostgresSchema.migrate(database)
        let postgres = ArchiveStore(.postgres(database))
        let read = { (store: ArchiveStore) throws -> ([ArchiveCollection], [Locality], [Speaker], [Session], [Recording], [TranscriptFile]) in
            try store.read { db in
                (try db.records(ArchiveCollection.self, "SELECT * FROM collection ORDER BY id"),
                 try db.records(Locality.self, "SELECT * FROM locality ORDER BY id"),
                 try db.records(Speaker.self, "SELECT * FROM speaker ORDER BY id"),
                 try db.records(Session.self, "SELECT * FROM session ORDER BY id"),
                 try db.records(Recording.self, "SELECT * FROM recording ORDER BY id"),
                 try db.records(TranscriptFile.self, "SELECT * FROM transcript ORDER BY id"))
            }
        }
        var sqlite = try read(archive.store)
        XCTAssertFalse(sqlite.4.isEmpty)
        sqlite.4[0].warnings = ["clipped samples at 0.2 s", "a frame could not be decoded"]
        try postgres.write { db in
            for record in sqlite.0 { try db.insert(record) }
            for record in sqlite.1 { try db.insert(record) }
            for record in sqlite.2 { try db.insert(record) }
            for record in sqlite.3 { try db.insert(record) }
            for var record in sqlite.4 {
                let original = record.id
                record.id = nil
                let given = try db.insert(record)
                XCTAssertNotNil(given)
                try db.execute("UPDATE recording SET id = ? WHERE id = ?", [original, given])
            }
            for record in sqlite.5 { try db.insert(record) }
        }
        let copied = try read(postgres)
        XCTAssertEqual(copied.0, sqlite.0)
        XCTAssertEqual(copied.1, sqlite.1)
        XCTAssertEqual(copied.2, sqlite.2)
        XCTAssertEqual(copied.3, sqlite.3)
        XCTAssertEqual(copied.4, sqlite.4)
        XCTAssertEqual(copied.5, sqlite.5)
        var changed = copied.4[0]
        changed.verifiedAt = "2026-12-06T12:00:00Z"
        changed.warnings = nil
        XCTAssertTrue(try postgres.write { try $0.update(changed) })
        XCTAssertEqual(try postgres.read { try $0.record(Recording.self, id: changed.id!) }, changed)
    }
}

/// PostgreSQL answers some aggregates in types SQLite does not have; they read as SQLite's.
final class StoreValueKindTests: XCTestCase {
    func testSumsOfIntegersReadAsIntegersAndOfRealsAsRealsOnPostgreSQL() throws {
        let database = try PostgresDatabase.connect(try PostgresAddress(try TestPostgres.freshDatabase()))
        defer { database.close() }
        let row = try ArchiveStore(.postgres(database)).read { db in
            try db.row("SELECT sum(x), sum(x) / 4, sum(CAST(x AS double precision)) / 4 FROM (VALUES (CAST(5 AS bigint)), (CAST(9000000000 AS bigint))) t(x)")!
        }
        XCTAssertEqual(row.values[0], .integer(9_000_000_005))
        XCTAssertEqual(row.values[1], .real(2_250_000_001.25))
        XCTAssertEqual(row.values[2], .real(2_250_000_001.25))
    }
}
