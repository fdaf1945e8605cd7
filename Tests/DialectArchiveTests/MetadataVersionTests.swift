@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// Every change to a record's metadata is kept as a change set of the audit event that made
/// it: each field before and after, who, when and from where; a change that changes nothing
/// records nothing, and a refused edit leaves the archive as it was.
final class MetadataVersionTests: XCTestCase {
    private let localities = "id,name,latitude,longitude\nbj,北京,39.93,116.42\ngz,广州,23.13,113.27\n"
    private let speakers = "id,name,sex,birth_year,role,locality\nS01,王先生,男,1948,老男,bj\nS02,陈女士,女,1990,青女,gz\nS03,李先生,男,1960,老男,bj\n"
    private let sessions = "id,title,locality,speakers,recorder,collection\nbj-1,北京 词汇,bj,S01;S02,陈志远,survey\n"

    /// A field trip's metadata ingested into a fresh archive.
    private func archiveWithMetadata(_ name: String = #function) throws -> (Archive, URL, FieldFolder) {
        let trip = try FieldFolder(name)
        try trip.write("localities.csv", localities)
        try trip.write("speakers.csv", speakers)
        try trip.write("sessions.csv", sessions)
        let url = try TestSupport.scratchFolder(name).appendingPathComponent("archive")
        let archive = try TestArchive.create(at: url)
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [trip.url])).failed, [])
        return (archive, url, trip)
    }

    private func changeSets(_ archive: Archive, _ kind: ChangeSet.RecordKind, _ id: String) throws -> [ChangeSet] {
        try archive.store.read { db in try ChangeSet.of(kind, id, db) }
    }

    /// Everything an edit or a dry run could touch, to compare before and after.
    private func snapshot(_ archive: Archive) throws -> String {
        try archive.store.read { db in
            try ["locality", "speaker", "session", "session_participant", "collection", "recording", "transcript", "event", "change_set"].map {
                try db.rows("SELECT * FROM \($0)").map { "\($0.columns) \($0.values)" }.sorted().description
            }.joined(separator: "\n")
        }
    }

    private func assertChainUnbroken(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let log = try TestSupport.cli(["log", "--verify"], archive: url)
        XCTAssertEqual(log.status, 0, log.stdout + log.stderr, file: file, line: line)
    }

    func testTheFirstIngestRecordsEachNewRecordAsCreatedWithItsFileAndLine() throws {
        let (archive, url, _) = try archiveWithMetadata()
        let speaker = try XCTUnwrap(try changeSets(archive, .speaker, "S02").first)
        XCTAssertEqual(speaker.action, .created)
        XCTAssertEqual(speaker.source, "speakers.csv line 3")
        XCTAssertEqual(speaker.fields.first { $0.field == "birth_year" }, .init(field: "birth_year", before: nil, after: "1990"))
        XCTAssertEqual(speaker.fields.first { $0.field == "locality" }, .init(field: "locality", before: nil, after: "gz"))
        let session = try XCTUnwrap(try changeSets(archive, .session, "bj-1").first)
        XCTAssertEqual(session.fields.first { $0.field == "speakers" }, .init(field: "speakers", before: nil, after: "S01;S02"))
        XCTAssertEqual(try changeSets(archive, .collection, "survey").map(\.action), [.created])
        let event = try XCTUnwrap(try archive.store.read { db in try db.record(AuditEvent.self, id: speaker.eventId) })
        XCTAssertEqual(event.kind, "metadata")
        XCTAssertEqual(event.summary, "ingest: metadata of 7 records: 7 added, 0 changed (0 fields)")
        try assertChainUnbroken(url)
    }

    func testAReingestedSpeakersCSVWithOneCorrectedBirthYearRecordsExactlyThatFieldWithWhoAndItsEvent() throws {
        let (archive, url, trip) = try archiveWithMetadata()
        try trip.write("speakers.csv", speakers.replacingOccurrences(of: "1948", with: "1949"))
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))

        let changes = try changeSets(archive, .speaker, "S01")
        XCTAssertEqual(changes.map(\.action), [.created, .changed])
        let change = try XCTUnwrap(changes.last)
        XCTAssertEqual(change.fields, [.init(field: "birth_year", before: "1948", after: "1949")])
        XCTAssertEqual(change.source, "speakers.csv line 2")
        XCTAssertEqual(report.metadataChanges.map(\.recordId), ["S01"])
        XCTAssertEqual(try changeSets(archive, .speaker, "S02").count, 1, "an unchanged row records nothing")

        let eventId = try XCTUnwrap(change.eventId)
        XCTAssertEqual(report.metadataEvent, eventId)
        let (event, ingest) = try archive.store.read { db in
            (try db.record(AuditEvent.self, id: eventId), try db.record(AuditEvent.self, "SELECT * FROM event WHERE kind = 'ingest' ORDER BY id DESC LIMIT 1"))
        }
        XCTAssertEqual(event?.kind, "metadata")
        XCTAssertEqual(event?.summary, "ingest: speakers.csv line 2 changed birth_year of speaker S01: 1948 → 1949")
        XCTAssertEqual(event?.user, AuditEvent(kind: "who", summary: "", details: [:]).user)
        XCTAssertFalse(event?.user.isEmpty ?? true)
        let details = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data((ingest?.details ?? "").utf8)) as? [String: Any])
        XCTAssertEqual(details["metadata_event"] as? Int, Int(eventId))
        XCTAssertEqual(try archive.store.read { db in try db.value("SELECT birth_year FROM speaker WHERE id = 'S01'", as: Int.self) }, 1949)
        try assertChainUnbroken(url)

        // `history` tells it: created by the first ingest, then the corrected year, by whom and from where.
        let history = try TestSupport.cli(["history", "S01"], archive: url)
        XCTAssertEqual(history.status, 0, history.stderr)
        let lines = history.stdout.split(separator: "\n").map(String.init)
        let changed = try XCTUnwrap(lines.firstIndex { $0.contains(" changed ") && $0.contains("(event \(eventId))") }, history.stdout)
        XCTAssertTrue(lines[changed].contains(" \(event?.user ?? "") "), lines[changed])
        XCTAssertTrue(lines[changed...].contains("    from: speakers.csv line 2"), history.stdout)
        XCTAssertTrue(lines[changed...].contains("    birth_year: 1948 → 1949"), history.stdout)
        XCTAssertTrue(lines[..<changed].contains { $0.contains(" created ") }, history.stdout)
    }

    func testACorrectedSpeakersCSVGivenOnItsOwnIsReadAsMetadataAndOnlyItIsRead() throws {
        let (archive, url, trip) = try archiveWithMetadata()
        try trip.write("speakers.csv", speakers.replacingOccurrences(of: "1948", with: "1949"))
        // The sessions file beside it says otherwise now, but it was not named.
        try trip.write("sessions.csv", sessions.replacingOccurrences(of: "北京 词汇", with: "北京 语法"))
        let run = try TestSupport.cli(["ingest", trip.url.appendingPathComponent("speakers.csv").path], archive: url)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertFalse(run.stdout.contains("left alone"), run.stdout)
        XCTAssertTrue(run.stdout.contains("birth_year: 1948 → 1949"), run.stdout)
        XCTAssertFalse(run.stdout.contains("nothing was added"), run.stdout)
        XCTAssertEqual(try changeSets(archive, .speaker, "S01").last?.fields, [.init(field: "birth_year", before: "1948", after: "1949")])
        XCTAssertEqual(try changeSets(archive, .session, "bj-1").count, 1, "only the file named is read")
        try assertChainUnbroken(url)
    }

    func testAnUnchangedReingestRecordsNoChangeAndNoMetadataEvent() throws {
        let (archive, url, trip) = try archiveWithMetadata()
        let count = { try archive.store.read { db in
            (try db.value("SELECT count(*) FROM change_set", as: Int.self)!, try db.value("SELECT count(*) FROM event WHERE kind = 'metadata'", as: Int.self)!)
        } }
        let before = try count()
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(report.metadataChanges, [])
        XCTAssertNil(report.metadataEvent)
        let after = try count()
        XCTAssertEqual(after.0, before.0)
        XCTAssertEqual(after.1, before.1)
        let details = try archive.store.read { db in try db.value("SELECT details FROM event WHERE kind = 'ingest' ORDER BY id DESC LIMIT 1", as: String.self) }
        XCTAssertFalse(details?.contains("metadata_event") ?? true)
        try assertChainUnbroken(url)
    }

    func testASessionsSpeakersAndABlankedCellAreRecordedAsFieldsOfTheSession() throws {
        let (archive, url, trip) = try archiveWithMetadata()
        try trip.write("sessions.csv", "id,title,locality,speakers,recorder,collection\nbj-1,,bj,S01;S03,陈志远,survey\n")
        _ = try archive.ingest(IngestRequest(paths: [trip.url]))
        let change = try XCTUnwrap(try changeSets(archive, .session, "bj-1").last)
        XCTAssertEqual(change.action, .changed)
        XCTAssertEqual(change.fields, [
            .init(field: "speakers", before: "S01;S02", after: "S01;S03"),
            .init(field: "title", before: "北京 词汇", after: nil),
        ])
        try assertChainUnbroken(url)
    }

    func testADryRunListsEachChangedFieldAndWritesNothing() throws {
        let (archive, url, trip) = try archiveWithMetadata()
        try trip.write("speakers.csv", speakers.replacingOccurrences(of: "1948", with: "1949"))
        let before = try snapshot(archive)

        let text = try TestSupport.cli(["ingest", "--dry-run", trip.url.path], archive: url)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("speaker S01 (speakers.csv line 2)\n      birth_year: 1948 → 1949"), text.stdout)
        let json = try TestSupport.cli(["ingest", "--dry-run", "--json", trip.url.path], archive: url)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: json.output) as? [String: Any], json.stderr)
        let changes = try XCTUnwrap(report["metadata_changes"] as? [[String: Any]])
        XCTAssertEqual(changes.count, 1)
        XCTAssertEqual(changes.first?["record_kind"] as? String, "speaker")
        XCTAssertEqual(changes.first?["record_id"] as? String, "S01")
        XCTAssertEqual(changes.first?["action"] as? String, "changed")
        let fields = try XCTUnwrap(changes.first?["fields"] as? [[String: String]])
        XCTAssertEqual(fields, [["field": "birth_year", "before": "1948", "after": "1949"]])

        XCTAssertEqual(try snapshot(archive), before)
        let report2 = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(report2.metadataChanges.map(\.fields), [[.init(field: "birth_year", before: "1948", after: "1949")]],
                       "the ingest stores the change its dry run listed")
    }

    func testEditCorrectsAFieldKeepingItsReasonAndSaysWhenNothingChanges() throws {
        let (archive, url, _) = try archiveWithMetadata()
        let result = try TestSupport.cli(["edit", "S01", "出生年份=1949", "--reason", "户口本", "--json"], archive: url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
        XCTAssertEqual(report["changes"] as? [[String: String]], [["field": "birth_year", "before": "1948", "after": "1949"]])
        let change = try XCTUnwrap(try changeSets(archive, .speaker, "S01").last)
        XCTAssertEqual(change.fields, [.init(field: "birth_year", before: "1948", after: "1949")])
        XCTAssertEqual(change.reason, "户口本")
        XCTAssertEqual(change.source, "edit")
        XCTAssertEqual(report["event"] as? Int, change.eventId.map(Int.init))
        let event = try archive.store.read { db in try db.record(AuditEvent.self, id: change.eventId) }
        XCTAssertEqual(event?.kind, "edit")

        let again = try TestSupport.cli(["edit", "S01", "birth_year=1949", "--reason", "户口本"], archive: url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("nothing changed"), again.stdout)
        XCTAssertEqual(try changeSets(archive, .speaker, "S01").count, 2)

        // A session's speakers, a locality's coordinates and a collection's title go the same way.
        try archive.edit("bj-1", ["speakers=S01;S03", "content=词汇"], reason: "field notes")
        XCTAssertEqual(try changeSets(archive, .session, "bj-1").last?.fields, [
            .init(field: "content", before: nil, after: "词汇"), .init(field: "speakers", before: "S01;S02", after: "S01;S03"),
        ])
        XCTAssertEqual(try archive.store.read { db in try db.values("SELECT speaker_id FROM session_participant WHERE session_id = 'bj-1' AND role = 'speaker' ORDER BY speaker_id", as: String.self) },
                       ["S01", "S03"])
        try archive.edit("bj", ["lat=39.9288", "longitude=116.4160"], reason: "survey GPS")
        XCTAssertEqual(try changeSets(archive, .locality, "bj").last?.fields, [
            .init(field: "latitude", before: "39.93", after: "39.9288"), .init(field: "longitude", before: "116.42", after: "116.416"),
        ])
        try archive.edit("survey", ["title=北京话调查"], reason: "named")
        XCTAssertEqual(try changeSets(archive, .collection, "survey").last?.fields, [.init(field: "title", before: nil, after: "北京话调查")])
        try assertChainUnbroken(url)
    }

    func testARefusedEditNamesWhatAndWhyChangesNothingAndExitsNonZero() throws {
        let (archive, url, _) = try archiveWithMetadata()
        let before = try snapshot(archive)
        let cases: [([String], String)] = [
            (["edit", "nobody", "name=x", "--reason", "r"], "nothing in the archive has the id nobody"),
            (["edit", "S01", "shoe_size=42", "--reason", "r"], "speaker S01 has no field 'shoe_size'; the fields that can be edited are name, sex, birth_year"),
            (["edit", "bj", "latitude=200", "--reason", "r"], "locality bj: latitude '200' is refused: latitude 200 is out of range (−90 to 90)"),
            (["edit", "S01", "role=chief", "--reason", "r"], "speaker S01: role 'chief' is refused: 'chief' is not a known role"),
            (["edit", "S01", "birth_year=1949"], "an edit needs a reason (--reason TEXT)"),
            (["edit", "S01", "access=closed", "--reason", "r"], "access of speaker S01 cannot be edited: access is changed with `dialect-archive access set S01"),
            (["edit", "S01", "locality=nowhere", "--reason", "r"], "unknown locality id 'nowhere'"),
            (["edit", "bj", "latitude=", "--reason", "r"], "a coordinate needs both latitude and longitude"),
            (["edit", "S01", "birth_year", "--reason", "r"], "'birth_year' is not FIELD=VALUE"),
            (["edit", "S01", "name=李", "birth_year=1700", "--reason", "r"], "'1700' is not a year of birth between 1850"),
        ]
        for (arguments, message) in cases {
            let result = try TestSupport.cli(arguments, archive: url)
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasSuffix("nothing was changed\n") || arguments[1] == "nobody", "\(arguments): \(result.stderr)")
            XCTAssertEqual(try snapshot(archive), before, arguments.joined(separator: " "))
        }
        try assertChainUnbroken(url)
    }

    func testARecordingsFileFactsAreNeverEditedButItCanBeRefiledUnderAnotherSession() throws {
        let (archive, url, trip) = try archiveWithMetadata()
        try trip.tone("bj-1/a.wav")
        try trip.write("sessions.csv", sessions + "bj-2,北京 语法,bj,S03,陈志远,survey\n")
        try trip.write("bj-1/a.srt", "1\n00:00:00,000 --> 00:00:01,000\n你好\n")
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        let recording = try XCTUnwrap(report.added.first { $0.kind == .recording }?.id)
        let before = try snapshot(archive)
        let refused = try TestSupport.cli(["edit", "\(recording)", "sha256=00", "--reason", "r"], archive: url)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("sha256 of recording \(recording) cannot be edited: it is a fact of the stored file"), refused.stderr)
        XCTAssertEqual(try snapshot(archive), before)

        let moved = try archive.edit("\(recording)", ["session=bj-2"], reason: "wrongly filed")
        XCTAssertEqual(moved.changes, [.init(field: "session", before: "bj-1", after: "bj-2")])
        XCTAssertEqual(try archive.store.read { db in try db.values("SELECT session_id FROM transcript WHERE recording_id = ?", [recording], as: String.self) },
                       ["bj-2"])
        try assertChainUnbroken(url)
    }

    func testAWithdrawalAndAPurgeAreChangeSetsOfTheirEvents() throws {
        let (archive, url, trip) = try archiveWithMetadata()
        try trip.tone("bj-1/a.wav")
        _ = try archive.ingest(IngestRequest(paths: [trip.url]))
        let withdrawn = try archive.withdraw("bj-1", reason: "consent withdrawn")
        let change = try XCTUnwrap(try changeSets(archive, .session, "bj-1").last)
        XCTAssertEqual(change.eventId, withdrawn.event)
        XCTAssertEqual(change.reason, "consent withdrawn")
        XCTAssertEqual(change.fields.map(\.field), ["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
        XCTAssertEqual(change.fields.map(\.before), [nil, nil, nil])
        XCTAssertEqual(change.fields.last?.after, "consent withdrawn")

        let purged = try archive.withdraw("bj-1", reason: "family asked", purge: true, confirmed: true)
        let purge = try XCTUnwrap(try changeSets(archive, .session, "bj-1").last)
        XCTAssertEqual(purge.eventId, purged.event)
        XCTAssertEqual(purge.fields.map(\.field), ["purged_at"])
        XCTAssertNotNil(purge.fields.first?.after)
        try assertChainUnbroken(url)
    }
}
