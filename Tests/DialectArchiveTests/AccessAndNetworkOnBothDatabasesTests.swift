@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// Access conditions, withheld material, withdrawals, edits, OAI-PMH, FCS and harvests answer
/// the same on SQLite and on PostgreSQL: each story below is told by the sample on both
/// databases (`SampleOnBoth`), and the two tellings must be equal line for line.
final class AccessAndNetworkOnBothDatabasesTests: XCTestCase {
    /// The sample on both databases, its PostgreSQL connection closed when the test ends.
    func sample(_ name: String = #function) throws -> SampleOnBoth {
        let both = try SampleOnBoth(name)
        addTeardownBlock { both.database.close() }
        return both
    }

    /// Fails with each line PostgreSQL's story tells otherwise than SQLite's.
    func assertSame(_ postgres: [String], _ sqlite: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(postgres.count, sqlite.count, "lines told", file: file, line: line)
        for (index, (told, expected)) in zip(postgres, sqlite).enumerated() where told != expected {
            XCTFail("line \(index): PostgreSQL tells\n\(told)\nSQLite tells\n\(expected)", file: file, line: line)
        }
    }

    /// Stored times of a story, which differ by when each archive was changed, as `(time)`.
    static func timesMasked(_ lines: [String]) -> [String] {
        lines.map { $0.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, with: "(time)", options: .regularExpression) }
    }

    /// What `body` answers, or the error it throws, as one line.
    func outcome(_ what: String, _ body: () throws -> Any) -> String {
        do { return "\(what): \(try body())" } catch { return "\(what): \(error)" }
    }

    /// The events after `start`, by kind and summary.
    func events(_ archive: Archive, after start: Int64) throws -> [String] {
        try archive.events().filter { $0.id! > start }.map { "\($0.kind): \($0.summary)" }
    }

    func lastEvent(_ archive: Archive) throws -> Int64 {
        try archive.events().last?.id ?? 0
    }

    func recording(of session: String, _ archive: Archive) throws -> Int64 {
        try XCTUnwrap(try archive.store.read { try $0.value("SELECT min(id) FROM recording WHERE session_id = ?", [session], as: Int64.self) })
    }

    /// The access conditions, change sets and withheld recordings of the records `story` touches.
    private func storedAccess(_ archive: Archive, _ targets: [(ChangeSet.RecordKind, String)]) throws -> [String] {
        try archive.store.read { db in
            try targets.map { kind, id in
                let key: any SQLValueConvertible = kind == .recording ? Int64(id)! : id
                let stored = try AccessCondition.stored(kind, key, db)
                let changes = try ChangeSet.of(kind, id, db).map { "\($0.action) \($0.source ?? "") \($0.reason ?? "") \($0.fields)" }
                return "\(kind) \(id): \(stored.map { "\($0.level?.rawValue ?? "inherited") \($0.until ?? "-") \($0.reason ?? "-")" } ?? "none") \(changes)"
            } + [try AccessRules.withheldRecordings(db).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")]
        }
    }

    private func accessStory(_ archive: Archive) throws -> [String] {
        let start = try lastEvent(archive)
        let yufa = try recording(of: "gz-yufa", archive)
        var story = ["mx-koutou", "bj-lm", String(yufa), "nowhere"].map { id in outcome("target \(id)") { try archive.accessTarget(id) } }
        story.append(outcome("close bj-danzi") { try archive.setAccess(.session("bj-danzi"), AccessCondition(level: .closed, until: "2031-01-01", reason: "the family asked")) })
        story.append(outcome("restrict yufa") { try archive.setAccess(.recording(yufa), AccessCondition(level: .restricted, reason: "a neighbour is named")) })
        story.append(outcome("restrict gz-yf") { try archive.setAccess(.speaker("gz-yf"), AccessCondition(level: .restricted, reason: "her wish")) })
        story.append(outcome("lapsed gz-cihui") { try archive.setAccess(.session("gz-cihui"), AccessCondition(level: .restricted, until: "2020-01-01")) })
        story.append(outcome("same again") { try archive.setAccess(.speaker("gz-yf"), AccessCondition(level: .restricted, reason: "her wish")) })
        story.append(outcome("unknown") { try archive.setAccess(.session("nowhere"), AccessCondition(level: .open)) })
        story += try storedAccess(archive, [(.session, "bj-danzi"), (.recording, String(yufa)), (.speaker, "gz-yf"), (.session, "gz-cihui"), (.session, "mx-koutou")])
        return story + (try events(archive, after: start))
    }

    func testSettingAccessAnswersStoresAndRecordsTheSameOnBothDatabases() throws {
        let both = try sample()
        let stories = try both.both.map { try accessStory($0.archive) }
        assertSame(stories[1], stories[0])
        let story = stories[1]
        XCTAssertTrue(story.contains("target mx-koutou: session mx-koutou"), "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("unknown: ") && $0.contains("nowhere") }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("session bj-danzi: closed 2031-01-01 the family asked") && $0.contains("access_until") }, "\(story)")
        XCTAssertTrue(story.contains("edit: access of session bj-danzi: open → closed until 2031-01-01"), "\(story)")
        XCTAssertGreaterThan(story.filter { $0.hasPrefix("edit: access of") }.count, 4, "\(story)")
        XCTAssertEqual(try PostgresAuditChain.check(both.database).breaks, [])
    }

    /// Every recording as each kind of reader may play it, and the access events of accounts.
    private func withheldStory(_ archive: Archive) throws -> [String] {
        let start = try lastEvent(archive)
        let granted = Reader.account(AccountReader(name: "rita", role: .researcher, collections: ["sample"], address: "192.0.2.1"))
        let readers: [Reader] = [.anonymous, .owner(includeRestricted: false), .owner(includeRestricted: true), granted,
                                 .account(AccountReader(name: "nils", role: .researcher)), .account(AccountReader(name: "ada", role: .archivist))]
        let recordings: [Int64] = try archive.store.read { try $0.values("SELECT id FROM recording ORDER BY id") }
        var story: [String] = []
        for reader in readers {
            for id in recordings {
                story.append(outcome("\(reader.auditName) plays \(id)") {
                    let playable = try archive.playable(id, as: reader)
                    return "\(playable.recording.originalName) withdrawn: \(playable.withdrawn?.reason ?? "no")"
                })
            }
        }
        let koutou = try recording(of: "mx-koutou", archive)
        story.append(outcome("clip") { try archive.clipWAV(recording: koutou, startMs: 0, endMs: 500, as: granted).count })
        story.append(outcome("clip refused") { try archive.clipWAV(recording: koutou, startMs: 0, endMs: 500, as: .anonymous).count })
        try archive.noteAccess(by: granted, recordings: recordings, sessions: ["mx-koutou", "bj-danzi", "nowhere"],
                               speakers: ["mx-lf", "bj-lm"], what: "view of everything")
        let withheld = try archive.store.read { try AccessRules.withheldRecordings($0) }
        story.append("withheld: \(withheld.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" })")
        return story + (try archive.events().filter { $0.id! > start }.map { "\($0.kind): \($0.summary) \($0.details)" })
    }

    func testWithheldMaterialIsTheSameForEveryReaderOnBothDatabases() throws {
        let both = try sample()
        let stories = try both.both.map { try withheldStory($0.archive) }
        assertSame(stories[1], stories[0])
        let story = stories[1]
        XCTAssertTrue(story.contains { $0.hasPrefix("anonymous plays") && $0.contains("is restricted") }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("account rita (researcher) plays") && $0.contains("mx-lf-koutou-1.ogg withdrawn: no") }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("clip: ") && Int($0.dropFirst(6)) ?? 0 > 1000 }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("access: play of recording") }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("access: view of everything by account rita (researcher) from 192.0.2.1") && $0.contains("mx-lf") }, "\(story)")
        XCTAssertEqual(try PostgresAuditChain.check(both.database).breaks, [])
    }

    private func withdrawalStory(_ archive: Archive) throws -> [String] {
        let start = try lastEvent(archive)
        let danzi = try recording(of: "bj-danzi", archive)
        var story = [outcome("no reason") { try archive.withdraw("gz-cihui", reason: " ") }]
        story.append(outcome("session") { try archive.withdraw("gz-cihui", reason: "the speaker withdrew consent") })
        story.append(outcome("again") { try archive.withdraw("gz-cihui", reason: "twice") })
        story.append(outcome("speaker") { try archive.withdraw("bj-lm", reason: "why not") })
        story.append(outcome("collection") { try archive.withdraw("sample", reason: "why not") })
        story.append(outcome("unknown") { try archive.withdraw("nowhere", reason: "why not") })
        story.append(outcome("purge unconfirmed") { try archive.withdraw(String(danzi), reason: "recorded twice", purge: true) })
        story.append(outcome("purge") { try archive.withdraw(String(danzi), reason: "recorded twice", purge: true, confirmed: true) })
        story.append(outcome("purge again") { try archive.withdraw(String(danzi), reason: "recorded twice", purge: true, confirmed: true) })
        story.append(outcome("played") { try archive.playable(danzi, as: .owner(includeRestricted: true)).withdrawn as Any })
        story += try archive.store.read { db in
            try ["session", "recording", "transcript"].flatMap { table in
                try db.rows("SELECT id, withdrawn_at IS NOT NULL AS withdrawn, withdrawn_reason, purged_at IS NOT NULL AS purged FROM \(table) ORDER BY id")
                    .map { "\(table) \($0[0] as String): \($0[1] as Bool) \($0[2] as String? ?? "-") \($0[3] as Bool)" }
            } + ["segments of bj-danzi: \(try db.value("SELECT count(*) FROM segment WHERE recording_id = ?", [danzi], as: Int.self) ?? -1)",
                 "withdrawn recordings: \(try Withdrawal.withdrawnRecordings(db).sorted())",
                 "change sets: \(try ChangeSet.of(.session, "gz-cihui", db).map(\.fields.count)) \(try ChangeSet.of(.recording, String(danzi), db).map(\.source))"]
        }
        return story + (try events(archive, after: start))
    }

    func testWithdrawingAndPurgingAnswerStoreAndRecordTheSameOnBothDatabases() throws {
        let both = try sample()
        let stories = try both.both.map { Self.timesMasked(try withdrawalStory($0.archive)) }
        assertSame(stories[1], stories[0])
        let story = stories[1]
        XCTAssertTrue(story.contains { $0.hasPrefix("session: ") && $0.contains("recordings: [") && !$0.contains("recordings: []") }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("again: session gz-cihui was already withdrawn") }, "\(story)")
        XCTAssertTrue(story.contains("speaker: bj-lm is a speaker; only a session or a recording can be withdrawn"), "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("purge: ") && $0.contains("purgedFiles: [\"") }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("purge again: ") && $0.contains("purged on") }, "\(story)")
        XCTAssertTrue(story.contains("session gz-cihui: true the speaker withdrew consent false"), "\(story)")
        XCTAssertTrue(story.contains("segments of bj-danzi: 0"), "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("withdraw: withdrew session gz-cihui") }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("withdraw: withdrew recording") && $0.contains("deleted") }, "\(story)")
        XCTAssertEqual(try PostgresAuditChain.check(both.database).breaks, [])
    }

    private func editStory(_ archive: Archive) throws -> [String] {
        let start = try lastEvent(archive)
        let yufa = try recording(of: "gz-yufa", archive)
        let edits: [(String, [String])] = [
            ("bj-lm", ["birth_year=1953", "occupation=退休工人"]), ("bj-lm", ["birth_year=1953"]), ("bj-huayu", ["title=见面问候", "speakers=bj-ym;bj-lm"]),
            ("gz", ["latitude=23.13", "longitude=113.27"]), ("gz", ["latitude="]), ("sample", ["title=Sample dialects"]),
            (String(yufa), ["session=gz-cihui"]), ("bj-lm", ["nonsense=1"]), ("bj-lm", ["birth_year=abc"]), ("bj-lm", ["access=closed"]),
            ("bj-huayu", ["speakers=nobody"]), ("mx", ["dialect_cluster="]), ("nowhere", ["title=x"]),
        ]
        var story = edits.map { id, assignments in outcome("edit \(id) \(assignments)") { try archive.edit(id, assignments, reason: "the field notes") } }
        story += try archive.store.read { db in
            ["\(try db.record(Speaker.self, id: "bj-lm")!)", "\(try db.record(Session.self, id: "bj-huayu")!)",
             "\(try SessionParticipant.speakerList(of: "bj-huayu", db) ?? "-")", "\(try SessionParticipant.others(in: "bj-huayu", db))",
             "\(try db.record(Locality.self, id: "gz")!)", "\(try db.record(Locality.self, id: "mx")!)",
             "\(try db.record(ArchiveCollection.self, id: "sample")!)", "\(try db.record(Recording.self, id: yufa)!.sessionId)",
             "\(try db.values("SELECT session_id FROM transcript WHERE recording_id = ?", [yufa], as: String.self))"]
            + (try [(ChangeSet.RecordKind.speaker, "bj-lm"), (.session, "bj-huayu"), (.locality, "gz"), (.collection, "sample"), (.recording, String(yufa))]
                .map { "\($0.0) \($0.1): \(try ChangeSet.of($0.0, $0.1, db).map { "\($0.source ?? "") \($0.reason ?? "") \($0.fields)" })" })
        }
        return story + (try events(archive, after: start))
    }

    func testEditingAnswersStoresAndRecordsTheSameOnBothDatabases() throws {
        let both = try sample()
        let stories = try both.both.map { try editStory($0.archive) }
        assertSame(stories[1], stories[0])
        let story = stories[1]
        XCTAssertTrue(story.contains { $0.hasPrefix("edit bj-lm [\"birth_year=1953\", \"occupation") && $0.contains("before: Optional(\"1952\")") }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("edit bj-lm [\"birth_year=1953\"]:") && $0.contains("changes: [], event: nil") }, "\(story)")
        XCTAssertTrue(story.contains("bj-ym;bj-lm"), "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("edit bj-lm [\"nonsense=1\"]: speaker bj-lm has no field 'nonsense'") }, "\(story)")
        XCTAssertTrue(story.contains { $0.hasPrefix("edit bj-huayu [\"speakers=nobody\"]:") && $0.contains("unknown speaker id 'nobody'") }, "\(story)")
        XCTAssertTrue(story.contains("[\"gz-cihui\"]") || story.contains("[\"gz-cihui\", \"gz-cihui\"]"), "\(story)")
        XCTAssertEqual(story.filter { $0.hasPrefix("edit: edit ") }.count, 6, "\(story)")
        XCTAssertEqual(try PostgresAuditChain.check(both.database).breaks, [])
    }
}
