@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// `history ID`: everything that happened to a record, oldest first, with who, when, why and
/// each field's value before and after.
final class HistoryTests: XCTestCase {
    private func recording(_ name: String, _ archive: Archive) throws -> Recording {
        try XCTUnwrap(archive.store.read { db in try db.record(Recording.self, "SELECT * FROM recording WHERE original_name = ?", [name]) })
    }

    private func details(_ event: AuditEvent) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(event.details.utf8)) as? [String: Any])
    }

    func testARecordingsHistoryStartsWithItsCreationByTheIngestThatStoredIt() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let stored = try recording("gz-yf-cihui.wav", archive)
        let ingest = try XCTUnwrap(try archive.events().last { $0.kind == "ingest" })
        let named = try details(ingest)
        XCTAssertTrue((named["recordings"] as? [NSNumber])?.map(\.int64Value).contains(stored.id!) == true, "\(named)")
        XCTAssertEqual((named["transcripts"] as? [NSNumber])?.count, 8)

        let history = try archive.history(of: String(stored.id!))
        XCTAssertEqual(history.kind, "recording")
        let created = try XCTUnwrap(history.entries.first)
        XCTAssertEqual(created.kind, .created)
        XCTAssertEqual(created.event, ingest.id)
        XCTAssertEqual(created.at, ingest.at)
        XCTAssertEqual(created.user, ingest.user)
        XCTAssertTrue(created.source?.hasSuffix("recordings/gz-yf-cihui.wav") == true, "\(created)")
        XCTAssertEqual(created.files.map(\.sha256), [stored.sha256])
        let transcript = try XCTUnwrap(history.entries.first { $0.kind == .transcriptAdded })
        XCTAssertEqual(transcript.event, ingest.id)
        XCTAssertTrue(transcript.summary.contains("gz-yf-cihui.eaf"), transcript.summary)

        let cli = try TestSupport.cli(["history", String(stored.id!)], archive: url)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertTrue(cli.stdout.contains("\(ingest.at)  \(ingest.user)  created  recording \(stored.id!) stored from "), cli.stdout)
    }

    func testAccessSetShowsInTheHistoryWithBeforeAfterWhoAndWhy() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let stored = try recording("gz-yf-cihui.wav", archive)
        let set = try TestSupport.cli(["access", "set", String(stored.id!), "restricted", "--until", "2031-01-01",
                                       "--reason", "the family asked"], archive: url)
        XCTAssertEqual(set.status, 0, set.stderr)
        let edit = try XCTUnwrap(try archive.events().last)
        XCTAssertEqual(edit.kind, "edit")

        XCTAssertThrowsError(try archive.history(of: String(stored.id!))) { error in
            XCTAssertTrue(error is AccessError, "a restricted recording's history is refused as show refuses it: \(error)")
        }
        let history = try archive.history(of: String(stored.id!), includeRestricted: true)
        let change = try XCTUnwrap(history.entries.last { $0.kind == .accessChanged })
        XCTAssertEqual(change.event, edit.id)
        XCTAssertEqual(change.user, edit.user)
        XCTAssertEqual(change.reason, "the family asked")
        XCTAssertEqual(change.fields, [
            .init(field: "access", before: nil, after: "restricted"),
            .init(field: "access_until", before: nil, after: "2031-01-01"),
            .init(field: "access_reason", before: nil, after: "the family asked"),
        ])

        let cli = try TestSupport.cli(["history", String(stored.id!), "--include-restricted"], archive: url)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertTrue(cli.stdout.contains("    access: - → restricted"), cli.stdout)
        XCTAssertTrue(cli.stdout.contains("    reason: the family asked"), cli.stdout)
        let refused = try TestSupport.cli(["history", String(stored.id!)], archive: url)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("is restricted"), refused.stderr)
    }

    func testASpeakersChangeSetShowsEachFieldBeforeAndAfterInOrder() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        var first = AuditEvent(kind: "ingest", summary: "speakers.csv re-read", details: [:])
        try archive.store.write { db in
            _ = try first.append(db, changeSets: [ChangeSet(recordKind: .speaker, recordId: "gz-yf", action: .changed,
                                                            source: "speakers.csv line 4",
                                                            fields: [.init(field: "birth_year", before: "1994", after: "1993")])])
        }
        var second = AuditEvent(kind: "edit", summary: "edit gz-yf", details: [:])
        try archive.store.write { db in
            _ = try second.append(db, changeSets: [ChangeSet(recordKind: .speaker, recordId: "gz-yf", action: .changed,
                                                             reason: "consent form says 1994", source: "edit",
                                                             fields: [.init(field: "birth_year", before: "1993", after: "1994")])])
        }
        let history = try archive.history(of: "gz-yf")
        XCTAssertEqual(history.kind, "speaker")
        // First the speaker's creation by the sample's ingest, with every field it was given.
        XCTAssertEqual(history.entries.map(\.kind), [.created, .changed, .changed])
        let created = try XCTUnwrap(history.entries.first)
        XCTAssertTrue(created.fields.contains(.init(field: "birth_year", before: nil, after: "1994")), "\(created.fields)")
        XCTAssertTrue(created.source?.hasPrefix("speakers.csv line ") ?? false, created.source ?? "")
        let changes = history.entries.dropFirst()
        XCTAssertEqual(changes.map(\.event), [first.id, second.id])
        XCTAssertEqual(changes.map(\.fields), [[.init(field: "birth_year", before: "1994", after: "1993")],
                                               [.init(field: "birth_year", before: "1993", after: "1994")]])
        XCTAssertEqual(changes.last?.reason, "consent form says 1994")
        XCTAssertEqual(changes.first?.source, "speakers.csv line 4")

        let cli = try TestSupport.cli(["history", "gz-yf"], archive: url)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        let lines = cli.stdout.split(separator: "\n").map(String.init)
        let changed = try XCTUnwrap(lines.firstIndex { $0.contains("changed  speaker gz-yf changed: birth_year") })
        XCTAssertEqual(lines[changed + 1], "    from: speakers.csv line 4")
        XCTAssertEqual(lines[changed + 2], "    birth_year: 1994 → 1993")
        XCTAssertTrue(cli.stdout.contains("    birth_year: 1993 → 1994"), cli.stdout)
    }

    func testARestrictedSpeakersHistoryNamesTheChangedFieldsButWithholdsTheirValues() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        var event = AuditEvent(kind: "edit", summary: "edit mx-lf", details: [:])
        try archive.store.write { db in
            _ = try event.append(db, changeSets: [ChangeSet(recordKind: .speaker, recordId: "mx-lf", action: .changed, source: "edit", fields: [
                .init(field: "birth_year", before: "1955", after: "1956"), .init(field: "role", before: "老女", after: "老男"),
            ])])
        }
        XCTAssertEqual(try archive.history(of: "mx-lf").entries.last?.fields,
                       [.init(field: "birth_year", before: "withheld", after: "withheld"), .init(field: "role", before: "老女", after: "老男")])
        XCTAssertEqual(try archive.history(of: "mx-lf", includeRestricted: true).entries.last?.fields.first,
                       .init(field: "birth_year", before: "1955", after: "1956"))
    }

    func testACorrectedTranscriptShowsAsARevisionWithItsSegmentDifference() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let folder = try TestSupport.scratchFolder(#function + "-corrected")
        let original = try String(contentsOf: TestSupport.repository.appendingPathComponent("transcripts/gz-yf-cihui.eaf"), encoding: .utf8)
        try original.replacingOccurrences(of: "0002 月光", with: "0002 月亮光")
            .write(to: folder.appendingPathComponent("gz-yf-cihui.eaf"), atomically: true, encoding: .utf8)
        let report = try archive.ingest(IngestRequest(paths: [folder]))
        let revised = try XCTUnwrap(report.revisions.first)
        let ingest = try XCTUnwrap(try archive.events().last)

        let history = try archive.history(of: String(try recording("gz-yf-cihui.wav", archive).id!))
        XCTAssertEqual(history.entries.filter { $0.kind == .transcriptAdded }.count, 1)
        let entry = try XCTUnwrap(history.entries.first { $0.kind == .transcriptRevised })
        XCTAssertEqual(entry.event, ingest.id)
        XCTAssertEqual(entry.revision, HistoryEntry.Revision(
            transcriptId: revised.transcriptId, revision: 2, replacedTranscriptId: revised.replacedTranscriptId, replacedRevision: 1,
            segmentsAdded: 0, segmentsRemoved: 0, segmentsChanged: 1))
        XCTAssertTrue(entry.summary.contains("revision 2 replaced transcript \(revised.replacedTranscriptId) (revision 1): segments 0 added, 0 removed, 1 changed"),
                      entry.summary)
        XCTAssertLessThan(history.entries.firstIndex { $0.kind == .transcriptAdded }!, history.entries.firstIndex(of: entry)!, "oldest first")
    }

    func testEveryVerifyIsAFixityCheckWithWhatItFoundOfTheRecordsFiles() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let stored = try recording("gz-yf-cihui.wav", archive)
        XCTAssertTrue(try archive.verify().intact)
        let transcript = try XCTUnwrap(archive.store.read { db in
            try db.record(TranscriptFile.self, "SELECT * FROM transcript WHERE recording_id = ?", [stored.id])
        })
        let file = archive.absolute(transcript.storedPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try Data("altered".utf8).write(to: file)
        XCTAssertFalse(try archive.verify().intact)

        let checks = try archive.history(of: String(stored.id!)).entries.filter { $0.kind == .fixityCheck }
        XCTAssertEqual(checks.map(\.outcome), ["intact", "altered"])
        XCTAssertEqual(checks.map(\.event), try archive.events().filter { $0.kind == "verify" }.map(\.id))
        XCTAssertEqual(checks[1].files.map(\.path), [stored.storedPath, transcript.storedPath])
        XCTAssertEqual(checks[1].files.map(\.outcome), ["intact", "altered"])
        XCTAssertTrue(checks[1].summary.contains("altered: \(transcript.storedPath)"), checks[1].summary)
    }

    func testAnExportThatIncludedTheRecordingIsInItsHistoryAndOneThatDidNotIsNot() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let out = try TestSupport.scratchFolder(#function + "-out").appendingPathComponent("bag")
        _ = try archive.export(ExportRequest(format: .bagit, out: out, sessions: ["gz-cihui"]))
        let export = try XCTUnwrap(try archive.events().last)
        XCTAssertEqual(try details(export)["session_ids"] as? [String], ["gz-cihui"])

        let included = try recording("gz-yf-cihui.wav", archive)
        let entry = try XCTUnwrap(try archive.history(of: String(included.id!)).entries.last)
        XCTAssertEqual(entry.kind, .exported)
        XCTAssertEqual(entry.event, export.id)
        XCTAssertTrue(entry.summary.contains("bagit") && entry.summary.contains(out.path), entry.summary)
        XCTAssertEqual(try archive.history(of: "gz-cihui").entries.last?.kind, .exported)

        let other = try recording("bj-lm-cihui.flac", archive)
        XCTAssertFalse(try archive.history(of: String(other.id!)).entries.contains { $0.kind == .exported })
        XCTAssertFalse(try archive.history(of: "bj-cihui").entries.contains { $0.kind == .exported })
    }

    func testAWithdrawnSessionsHistoryAndItsRecordingsSayWhenByWhomAndWhy() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let stored = try recording("gz-yf-cihui.wav", archive)
        _ = try archive.withdraw("gz-cihui", reason: "the speaker withdrew consent")
        let withdraw = try XCTUnwrap(try archive.events().last)

        let entries = try archive.history(of: String(stored.id!)).entries
        let withdrawn = try XCTUnwrap(entries.last)
        XCTAssertEqual(withdrawn.kind, .withdrawn)
        XCTAssertEqual(withdrawn.reason, "the speaker withdrew consent")
        XCTAssertEqual(withdrawn.user, withdraw.user)
        XCTAssertEqual(withdrawn.event, withdraw.id)
        XCTAssertTrue(withdrawn.summary.contains("withdrawn with session gz-cihui"), withdrawn.summary)

        let session = try archive.history(of: "gz-cihui")
        XCTAssertEqual(session.kind, "session")
        let created = try XCTUnwrap(session.entries.first { $0.record == "recording \(stored.id!)" })
        XCTAssertEqual(created.kind, .created)
        XCTAssertEqual(session.entries.last?.kind, .withdrawn)
        XCTAssertEqual(session.entries.last?.record, "session gz-cihui")
        XCTAssertEqual(session.entries.filter { $0.kind == .withdrawn }.count, 1, "its recordings' withdrawal with it is told once")

        _ = try archive.withdraw("gz-cihui", reason: "files must go", purge: true, confirmed: true)
        let purged = try XCTUnwrap(try archive.history(of: String(stored.id!)).entries.last)
        XCTAssertEqual(purged.kind, .purged)
        XCTAssertEqual(purged.reason, "files must go")
    }

    func testJSONHistoryHasTheRecordAndEachEntrysKindTimeUserEventAndFields() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        try archive.setAccess(.session("gz-cihui"), AccessCondition(level: .open, until: nil, reason: "checked"))
        let result = try TestSupport.cli(["history", "gz-cihui", "--json"], archive: url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: result.output) as? [String: Any])
        XCTAssertEqual(object["kind"] as? String, "session")
        XCTAssertEqual(object["id"] as? String, "gz-cihui")
        let entries = try XCTUnwrap(object["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.first?["kind"] as? String, "created")
        XCTAssertEqual(entries.last?["kind"] as? String, "access_changed")
        for entry in entries {
            for key in ["at", "user", "event", "record", "summary", "fields"] { XCTAssertNotNil(entry[key], "\(key) in \(entry)") }
        }
        let fields = try XCTUnwrap(entries.last?["fields"] as? [[String: Any]])
        XCTAssertEqual(fields.first?["field"] as? String, "access_reason")
        XCTAssertEqual(fields.first?["after"] as? String, "checked")
    }

    func testHistoryOfAnUnknownIdIsAnErrorNamingIt() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        XCTAssertThrowsError(try archive.history(of: "no-such-id")) { error in
            XCTAssertEqual(error as? ArchiveError, .notFound(id: "no-such-id"))
        }
        let result = try TestSupport.cli(["history", "no-such-id"], archive: url)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("nothing in the archive has the id no-such-id"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }
}
