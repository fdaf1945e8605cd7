@_spi(Benchmark) @testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// The audit trail is a hash chain: an event changed, removed or slipped in behind the
/// archive's back makes `verify` and `log --verify` fail, naming the first event that no
/// longer matches.
final class AuditChainTests: XCTestCase {
    private var mounts: [URL] = []

    override func tearDown() {
        for mount in mounts.reversed() { TestMount.unmount(mount) }
        super.tearDown()
    }

    /// An archive whose trail holds `init` and then `count` edits, as a session of work leaves it.
    private func archiveWithEvents(_ count: Int, name: String = #function) throws -> URL {
        let url = try TestSupport.scratchFolder(name).appendingPathComponent("archive")
        let archive = try TestArchive.create(at: url)
        for index in 1...count {
            try archive.record(AuditEvent(kind: "edit", summary: "access of speaker S\(index): open → closed",
                                          details: ["target": "speaker S\(index)", "before": "open", "after": "closed", "note": "第\(index)次"]))
        }
        return url
    }

    /// Runs a statement on the archive's database with that database's own client (`sqlite3`
    /// on `archive.sqlite`, `psql` on the database `archive.database` names), behind the
    /// archive's back.
    private func tamper(_ archive: URL, _ sql: String) throws {
        let result = try TestDatabase.runBehindTheArchive(sql, archive: archive)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// `log --verify --json`'s first break, or nil when the chain is unbroken.
    private func firstBreak(_ archive: URL) throws -> [String: Any]? {
        let result = try TestSupport.cli(["log", "--verify", "--json"], archive: archive)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.output) as? [String: Any], result.stderr)
        XCTAssertEqual(result.status == 0, json["unbroken"] as? Bool, result.stdout)
        return json["first_break"] as? [String: Any]
    }

    private func assertBroken(_ archive: URL, at id: Int, kind: String, reason: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let log = try TestSupport.cli(["log", "--verify"], archive: archive)
        XCTAssertNotEqual(log.status, 0, log.stdout, file: file, line: line)
        XCTAssertTrue(log.stdout.contains("audit trail at event \(id) (\(kind), "), log.stdout, file: file, line: line)
        XCTAssertTrue(log.stdout.contains(reason), log.stdout, file: file, line: line)
        let broken = try XCTUnwrap(try firstBreak(archive), file: file, line: line)
        XCTAssertEqual(broken["id"] as? Int, id, file: file, line: line)
        XCTAssertEqual(broken["kind"] as? String, kind, file: file, line: line)
        XCTAssertNotNil(broken["at"] as? String, file: file, line: line)

        let verify = try TestSupport.cli(["verify"], archive: archive)
        XCTAssertNotEqual(verify.status, 0, verify.stdout, file: file, line: line)
        XCTAssertTrue(verify.stdout.contains("audit trail at event \(id) (\(kind), "), verify.stdout, file: file, line: line)
        let json = try TestSupport.cli(["verify", "--json"], archive: archive)
        XCTAssertNotEqual(json.status, 0, file: file, line: line)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: json.output) as? [String: Any], file: file, line: line)
        let trail = try XCTUnwrap(report["audit_trail"] as? [String: Any], json.stdout, file: file, line: line)
        XCTAssertEqual((trail["first_break"] as? [String: Any])?["id"] as? Int, id, file: file, line: line)
    }

    func testCanonicalJSONSortsKeysDropsSpacesAndEscapesOnlyWhatItMust() throws {
        let text = #"{ "b" : 1.50, "a" : { "d" : [ true, null, -2e3 ], "c" : "x\u00e9\/\n\u0001\"" }, "\u00e0" : "" }"#
        let canonical = String(decoding: try CanonicalJSON.canonical(text), as: UTF8.self)
        XCTAssertEqual(canonical, #"{"a":{"c":"xé/\n\u0001\"","d":[true,null,-2e3]},"b":1.50,"à":""}"#)
        XCTAssertThrowsError(try CanonicalJSON.canonical(#"{"a": }"#))
        XCTAssertThrowsError(try CanonicalJSON.canonical(#"{"a": 1} x"#))
    }

    func testAnUntouchedTrailFormsAnUnbrokenChainFromInit() throws {
        let archive = try archiveWithEvents(3)
        let log = try TestSupport.cli(["log", "--verify"], archive: archive)
        XCTAssertEqual(log.status, 0, log.stdout + log.stderr)
        XCTAssertTrue(log.stdout.contains("the audit trail's 4 events form an unbroken chain"), log.stdout)
        XCTAssertNil(try firstBreak(archive))
        let verify = try TestSupport.cli(["verify"], archive: archive)
        XCTAssertEqual(verify.status, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("4 events form an unbroken chain"), verify.stdout)

        let events = try Archive.open(at: archive).events()
        XCTAssertEqual(events.map(\.kind), ["init", "edit", "edit", "edit", "verify"])
        XCTAssertEqual(events[0].previousHash, AuditChain.start)
        for (before, after) in zip(events, events.dropFirst()) { XCTAssertEqual(after.previousHash, before.hash) }
    }

    func testEditingAnEventsSummaryInSQLiteMakesVerifyFailNamingThatEvent() throws {
        let archive = try archiveWithEvents(4)
        try tamper(archive, "UPDATE event SET summary = 'access of speaker S2: open → open' WHERE id = 3")
        try assertBroken(archive, at: 3, kind: "edit", reason: "no longer matches its hash")
    }

    func testEditingAnEventsDetailsInSQLiteMakesVerifyFailNamingThatEvent() throws {
        let archive = try archiveWithEvents(4)
        try tamper(archive, "UPDATE event SET details = replace(details, '\"closed\"', '\"open\"') WHERE id = 4")
        try assertBroken(archive, at: 4, kind: "edit", reason: "no longer matches its hash")
    }

    func testRespacingAnEventsDetailsChangesNothingItSays() throws {
        let archive = try archiveWithEvents(2)
        try tamper(archive, "UPDATE event SET details = replace(replace(details, ',', ' , '), ':', ' : ') WHERE id = 2")
        XCTAssertEqual(try TestSupport.cli(["log", "--verify"], archive: archive).status, 0)
    }

    func testAnEventRehashedAfterItsEditBreaksTheLinkOfTheEventAfterIt() throws {
        let archive = try archiveWithEvents(4)
        try Archive.open(at: archive).store.write { db in
            try db.execute("UPDATE event SET summary = 'nothing happened' WHERE id = 3")
            let row = try XCTUnwrap(try db.row("SELECT \(AuditChain.contentColumns), previous_hash FROM event WHERE id = 3"))
            let content = AuditChain.content(id: row[0], kind: row[1], at: row[2], user: row[3], host: row[4], workingDirectory: row[5],
                                             arguments: row[6], summary: row[7], details: row[8])
            try db.execute("UPDATE event SET hash = ? WHERE id = 3", [AuditChain.hash(previous: row[9], content: content)])
        }
        try assertBroken(archive, at: 4, kind: "edit", reason: "no longer linked to the event before it (id 3)")
    }

    func testDeletingAnEventRowMakesVerifyFailNamingTheEventAfterTheGap() throws {
        let archive = try archiveWithEvents(4)
        try tamper(archive, "DELETE FROM event WHERE id = 3")
        try assertBroken(archive, at: 4, kind: "edit", reason: "no longer linked to the event before it (id 2)")
    }

    func testDeletingTheFirstEventsMakesVerifyFailNamingTheNewFirst() throws {
        let archive = try archiveWithEvents(2)
        try tamper(archive, "DELETE FROM event WHERE id = 1")
        try assertBroken(archive, at: 2, kind: "edit", reason: "it is the first event but is linked to an earlier one")
    }

    func testAReadOnlyArchiveStillHasItsChainChecked() throws {
        let archive = try archiveWithEvents(3)
        try tamper(archive, "UPDATE event SET \"user\" = 'someone else' WHERE id = 2")
        let view = archive.deletingLastPathComponent().appendingPathComponent("read-only")
        try TestMount.readOnly(archive, at: view)
        mounts.append(view)
        let verify = try TestSupport.cli(["verify"], archive: view)
        XCTAssertNotEqual(verify.status, 0)
        XCTAssertTrue(verify.stdout.contains("audit trail at event 2 (edit, "), verify.stdout + verify.stderr)
        XCTAssertNotEqual(try TestSupport.cli(["log", "--verify"], archive: view).status, 0)
    }

    func testAnArchiveMadeBeforeTheChainHasItComputedAndTheTrailSaysSo() throws {
        try TestDatabase.requireSQLite("archives made before the audit trail was a hash chain are SQLite archives; a PostgreSQL archive has the chain from its first event")
        let url = try TestSupport.scratchFolder().appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(tokenizer: DialectTokenizer.self) }
        let old = try DatabasePool(path: url.appendingPathComponent("archive.sqlite").path, configuration: configuration)
        try ArchiveSchema.migrator.migrate(old, upTo: "v10 recording damage")
        try old.write { db in
            for (kind, summary) in [("init", "created the archive"), ("ingest", "ingest: 2 recordings added"), ("verify", "verify: 2 files intact")] {
                try db.execute(sql: """
                    INSERT INTO event (kind, at, user, host, working_directory, arguments, summary, details)
                    VALUES (?, '2024-03-01T10:00:00Z', 'li', 'field-laptop', '/home/li', 'dialect-archive \(kind)', ?, '{"count": 2, "paths": ["a/b.wav"]}')
                    """, arguments: [kind, summary])
            }
        }
        try old.close()

        let archive = try Archive.open(at: url)
        let events = try archive.events()
        XCTAssertEqual(events.map(\.kind), ["init", "ingest", "verify", "migration"])
        XCTAssertEqual(events[3].summary, "audit trail made a hash chain over its 3 existing events")
        XCTAssertEqual(try archive.checkAuditTrail(), { var r = AuditTrailReport(); r.events = 4; return r }())
        let report = try archive.verify()
        XCTAssertTrue(report.intact)
        XCTAssertEqual(report.auditTrail.events, 4)
        let log = try TestSupport.cli(["log", "--verify"], archive: url)
        XCTAssertEqual(log.status, 0)
        XCTAssertTrue(log.stdout.contains("the audit trail's 5 events form an unbroken chain"), log.stdout)
    }

    func testTwoProcessesAppendingAtOnceLeaveOneUnbrokenChain() throws {
        let archive = try archiveWithEvents(1)
        try tamper(archive, "INSERT INTO speaker (id, name) VALUES ('WZ-F01', '甲'), ('WZ-M02', '乙')")
        let rounds = 12
        let script = """
            run() { for i in $(seq \(rounds)); do "$0" access set "$1" restricted --reason "round $i" --archive "$2" >/dev/null || exit 1; \
            "$0" access set "$1" open --archive "$2" >/dev/null || exit 1; done; }
            run WZ-F01 "$1" & a=$!; run WZ-M02 "$1" & b=$!; wait $a && wait $b
            """
        let result = try TestSupport.run("bash", ["-c", script, TestSupport.cli.path, archive.path])
        XCTAssertEqual(result.status, 0, result.stderr)

        let log = try TestSupport.cli(["log", "--verify"], archive: archive)
        XCTAssertEqual(log.status, 0, log.stdout)
        XCTAssertTrue(log.stdout.contains("the audit trail's \(2 + 4 * rounds) events form an unbroken chain"), log.stdout)
        let summaries = try Archive.open(at: archive).events().map(\.summary)
        XCTAssertTrue(summaries.contains { $0.hasPrefix("access of speaker WZ-F01") } && summaries.contains { $0.hasPrefix("access of speaker WZ-M02") })
    }

    func testEveryCommandThatKeepsAnEventKeepsTheChainUnbroken() throws {
        let folder = try TestSupport.scratchFolder()
        let archive = folder.appendingPathComponent("archive")
        let repo = TestSupport.repository
        let commands: [[String]] = [
            ["init"],
            ["ingest", repo.appendingPathComponent("recordings").path, repo.appendingPathComponent("transcripts").path],
            ["access", "set", "1", "restricted", "--reason", "speaker asked"],
            ["edit", "bj-lm", "birth_year=1953", "--reason", "birth certificate"],
            ["clip", "1", "0", "1000", folder.appendingPathComponent("clip.wav").path, "--include-restricted"],
            ["export", "--format", "csv", "--out", folder.appendingPathComponent("export").path],
            ["withdraw", "gz-cihui", "--reason", "wrongly filed"],
            ["withdraw", "gz-cihui", "--reason", "wrongly filed", "--purge", "--yes"],
            ["refingerprint"],
            ["verify"],
        ]
        for command in commands {
            let result = try TestSupport.cli(command, archive: archive)
            XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
        }
        let kinds = try Archive.open(at: archive).events().map(\.kind)
        XCTAssertEqual(Set(kinds), ["init", "metadata", "ingest", "edit", "clip", "export", "withdraw", "purge", "refingerprint", "verify"])
        let log = try TestSupport.cli(["log", "--verify"], archive: archive)
        XCTAssertEqual(log.status, 0, log.stdout)
        XCTAssertTrue(log.stdout.contains("the audit trail's \(kinds.count) events form an unbroken chain"), log.stdout)
    }

    func testAnAccessChangeKeepsEachFieldBeforeAndAfterCoveredByItsEvent() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let session = try XCTUnwrap(try archive.store.read { db in try db.value("SELECT id FROM session ORDER BY id LIMIT 1", as: String.self) })
        // The ingest kept the session's creation; the access change comes after it.
        let created = try archive.store.read { db in try ChangeSet.of(.session, session, db) }.count
        try archive.setAccess(.session(session), AccessCondition(level: .closed, until: "2030-01-01", reason: "家属要求"))
        let changes = Array(try archive.store.read { db in try ChangeSet.of(.session, session, db) }.dropFirst(created))
        XCTAssertEqual(changes.count, 1)
        XCTAssertEqual(changes.first?.action, .changed)
        XCTAssertEqual(changes.first?.source, "access set")
        XCTAssertEqual(changes.first?.fields, [
            .init(field: "access", before: "open", after: "closed"),
            .init(field: "access_until", before: nil, after: "2030-01-01"),
            .init(field: "access_reason", before: nil, after: "家属要求"),
        ])
        let eventId = try XCTUnwrap(changes.first?.eventId)
        XCTAssertEqual(try TestSupport.cli(["log", "--verify"], archive: url).status, 0)

        // The same condition again changes nothing, and records no change set.
        try archive.setAccess(.session(session), AccessCondition(level: .closed, until: "2030-01-01", reason: "家属要求"))
        XCTAssertEqual(try archive.store.read { db in try ChangeSet.of(.session, session, db) }.count, created + 1)

        // A change set altered behind the archive's back breaks the chain at its event.
        try tamper(url, "UPDATE change_set SET fields = replace(fields, '2030-01-01', '2023-01-01')")
        try assertBroken(url, at: Int(eventId), kind: "edit", reason: "no longer matches its hash")
    }
}
