@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// A corrected transcript of the same name for the same recording is a new revision: the earlier
/// file stays stored and verified, only the new wording is found, and the ingest says what changed.
final class TranscriptRevisionTests: XCTestCase {
    private let sample = "gz-yf-cihui.eaf"

    /// The sample transcript copied to a folder of its own as `name`, with 月光 (item 0002) reworded.
    private func correctedCopy(named name: String = "gz-yf-cihui.eaf", _ test: String = #function) throws -> URL {
        let folder = try TestSupport.scratchFolder(test + "-corrected")
        let original = try String(contentsOf: TestSupport.repository.appendingPathComponent("transcripts/\(sample)"), encoding: .utf8)
        XCTAssertEqual(original.components(separatedBy: "0002 月光").count, 2, "the sample has one line 0002 月光")
        try original.replacingOccurrences(of: "0002 月光", with: "0002 月亮光")
            .write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return folder
    }

    private func recordingId(_ archive: Archive) throws -> Int64 {
        try XCTUnwrap(archive.store.read { db in try db.value("SELECT id FROM recording WHERE original_name = ?", ["gz-yf-cihui.wav"], as: Int64.self) })
    }

    private func sessionsFound(_ text: String, _ archive: Archive) throws -> Set<String> {
        Set(try archive.search(try SearchQuery(text), limit: 1000, includeRestricted: true).hits.map(\.sessionId))
    }

    func testACorrectedTranscriptReplacesTheOldWordingInSearchKeepsBothFilesAndShowListsTwoRevisions() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        XCTAssertTrue(try sessionsFound("月光", archive).contains("gz-cihui"))
        XCTAssertFalse(try sessionsFound("月亮光", archive).contains("gz-cihui"))
        let transcriptsBefore = try archive.stats().transcripts

        let corrected = try correctedCopy()
        let dryRun = try archive.ingest(IngestRequest(paths: [corrected], dryRun: true))
        XCTAssertTrue(dryRun.added.first?.message?.contains("as revision 2 replacing transcript") == true, "\(dryRun.outcomes)")
        let ingest = try TestSupport.cli(["ingest", corrected.path], archive: url)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stdout.contains("revision 2) replaced transcript"), ingest.stdout)
        XCTAssertTrue(ingest.stdout.contains("segments 0 added, 0 removed, 1 changed"), ingest.stdout)

        XCTAssertFalse(try sessionsFound("月光", archive).contains("gz-cihui"), "the replaced wording is no longer found")
        XCTAssertTrue(try sessionsFound("月亮光", archive).contains("gz-cihui"), "the corrected wording is found")

        let files = try archive.store.read { db in
            try db.records(TranscriptFile.self, "SELECT * FROM transcript WHERE original_name = ? ORDER BY id", [self.sample])
        }
        XCTAssertEqual(files.map(\.revision), [1, 2])
        XCTAssertEqual(files[0].replacedBy, files[1].id)
        XCTAssertNotNil(files[0].replacedAt)
        XCTAssertNil(files[1].replacedBy)
        XCTAssertNotEqual(files[0].storedPath, files[1].storedPath)
        for file in files {
            XCTAssertTrue(FileManager.default.fileExists(atPath: archive.absolute(file.storedPath).path), file.storedPath)
        }

        let event = try XCTUnwrap(try archive.events().last { $0.kind == "ingest" })
        XCTAssertTrue(event.summary.contains("1 of them new revisions"), event.summary)
        let details = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(event.details.utf8)) as? [String: Any])
        let revision = try XCTUnwrap((details["revisions"] as? [[String: Any]])?.first)
        XCTAssertEqual((revision["transcript_id"] as? NSNumber)?.int64Value, files[1].id)
        XCTAssertEqual((revision["replaced_transcript_id"] as? NSNumber)?.int64Value, files[0].id)
        XCTAssertEqual((revision["revision"] as? NSNumber)?.intValue, 2)
        XCTAssertEqual((revision["replaced_revision"] as? NSNumber)?.intValue, 1)
        XCTAssertEqual((revision["segments_changed"] as? NSNumber)?.intValue, 1)
        XCTAssertTrue((revision["summary"] as? String)?.contains("1 changed") == true)

        XCTAssertEqual(try archive.stats().transcripts, transcriptsBefore, "a revision is not another transcript")
        XCTAssertEqual(try archive.recordings().first { $0.recording.originalName == "gz-yf-cihui.wav" }?.transcripts, 1)

        let fixity = try archive.verify()
        XCTAssertTrue(fixity.intact, "\(fixity)")
        XCTAssertEqual(fixity.changedParses, [])
        let verify = try TestSupport.cli(["verify"], archive: url)
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)

        let recording = try recordingId(archive)
        let show = try TestSupport.cli(["show", String(recording)], archive: url)
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("revision 1 of 2, ingested at \(files[0].ingestedAt), replaced at \(files[0].replacedAt!)"), show.stdout)
        XCTAssertTrue(show.stdout.contains("revision 2 of 2, ingested at \(files[1].ingestedAt), current"), show.stdout)
        XCTAssertTrue(show.stdout.contains("0002 月亮光"), show.stdout)
        XCTAssertFalse(show.stdout.contains("0002 月光"), "the replaced revision's segments are not listed")

        let json = try TestSupport.cli(["show", String(recording), "--json"], archive: url)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json.output) as? [String: Any])
        let transcripts = try XCTUnwrap(object["transcripts"] as? [[String: Any]]).map { $0["file"] as? [String: Any] ?? [:] }
        XCTAssertEqual(transcripts.map { ($0["revision"] as? NSNumber)?.intValue }, [1, 2])
        XCTAssertEqual((transcripts[0]["replaced_by"] as? NSNumber)?.int64Value, files[1].id)
        XCTAssertEqual(transcripts[0]["replaced_at"] as? String, files[0].replacedAt)
        XCTAssertNil(transcripts[1]["replaced_by"] as? NSNumber)
    }

    func testVerifyChecksBothRevisionsAndReportsAReplacedRevisionsAlteredFile() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let checkedBefore = try archive.verify().checked
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [try correctedCopy()])).revisions.count, 1)
        XCTAssertEqual(try archive.verify().checked, checkedBefore + 1, "the replaced file is checked as well as the new one")

        let replaced = try XCTUnwrap(archive.store.read { db in
            try db.record(TranscriptFile.self, "SELECT * FROM transcript WHERE original_name = ? AND replaced_by IS NOT NULL", [self.sample])
        })
        let stored = archive.absolute(replaced.storedPath)
        chmod(stored.path, 0o644)
        let text = try String(contentsOf: stored, encoding: .utf8)
        try text.replacingOccurrences(of: "0002 月光", with: "0002 月儿").write(to: stored, atomically: false, encoding: .utf8)

        let verify = try TestSupport.cli(["verify", "--json"], archive: url)
        XCTAssertNotEqual(verify.status, 0)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: verify.output) as? [String: Any])
        let altered = try XCTUnwrap(report["altered"] as? [[String: Any]])
        XCTAssertEqual(altered.map { $0["path"] as? String }, [replaced.storedPath])
        XCTAssertEqual(altered.map { ($0["id"] as? NSNumber)?.int64Value }, [replaced.id])
        XCTAssertEqual(altered.first?["expected_sha256"] as? String, replaced.sha256)
    }

    func testARevisionThatDoesNotParseIsOneErrorNamingTheFileAndLineAndTheCurrentRevisionStaysFound() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let folder = try correctedCopy()
        let broken = folder.appendingPathComponent(sample)
        let text = try String(contentsOf: broken, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("0002 月亮光") }! + 1
        try text.replacingOccurrences(of: "0002 月亮光</ANNOTATION_VALUE>", with: "0002 月亮光</ANNOTATION_VALU>")
            .write(to: broken, atomically: true, encoding: .utf8)
        let eventsBefore = try archive.events().count
        let storedBefore = try FileManager.default.subpathsOfDirectory(atPath: url.appendingPathComponent("transcripts").path).sorted()

        let ingest = try TestSupport.cli(["ingest", folder.path], archive: url)
        XCTAssertNotEqual(ingest.status, 0)
        let errors = ingest.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        XCTAssertEqual(errors.count, 1, ingest.stderr)
        XCTAssertTrue(errors[0].hasPrefix("error: \(broken.standardizedFileURL.path): "), ingest.stderr)
        XCTAssertTrue(errors[0].contains("(line \(line))"), ingest.stderr)

        let files = try archive.store.read { db in try db.records(TranscriptFile.self, "SELECT * FROM transcript WHERE original_name = ?", [self.sample]) }
        XCTAssertEqual(files.map(\.revision), [1])
        XCTAssertNil(files[0].replacedBy)
        XCTAssertTrue(try sessionsFound("月光", archive).contains("gz-cihui"), "the current revision is still found")
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: url.appendingPathComponent("transcripts").path).sorted(), storedBefore)
        XCTAssertEqual(try archive.events().count, eventsBefore + 1)
        let event = try XCTUnwrap(try archive.events().last)
        XCTAssertTrue(event.summary.contains("0 transcripts added"), event.summary)
        XCTAssertTrue(try archive.verify().intact)
    }

    func testATranscriptOfAnotherNameForTheSameRecordingStaysASecondTranscript() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let report = try archive.ingest(IngestRequest(paths: [try correctedCopy(named: "gz-yf-cihui-checked.eaf")]))
        XCTAssertEqual(report.failed, [])
        XCTAssertEqual(report.revisions, [])
        let recording = try recordingId(archive)
        let files = try archive.store.read { db in
            try db.records(TranscriptFile.self, "SELECT * FROM transcript WHERE recording_id = ? ORDER BY id", [recording])
        }
        XCTAssertEqual(files.map(\.originalName), [sample, "gz-yf-cihui-checked.eaf"])
        XCTAssertEqual(files.map(\.revision), [1, 1])
        XCTAssertEqual(files.map(\.replacedBy), [nil, nil])
        XCTAssertTrue(try sessionsFound("月光", archive).contains("gz-cihui"), "the first transcript is still indexed")
        XCTAssertTrue(try sessionsFound("月亮光", archive).contains("gz-cihui"))
    }

    func testTheSameTranscriptBytesFromAnotherFolderAreAlreadyPresentNotARevision() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let folder = try TestSupport.scratchFolder(#function + "-copy")
        try FileManager.default.copyItem(at: TestSupport.repository.appendingPathComponent("transcripts/\(sample)"),
                                         to: folder.appendingPathComponent(sample))
        let report = try archive.ingest(IngestRequest(paths: [folder]))
        XCTAssertEqual(report.alreadyPresent.map(\.kind), [.transcript])
        XCTAssertEqual(report.added, [])
        XCTAssertEqual(report.revisions, [])
        XCTAssertEqual(try archive.store.read { db in try db.value("SELECT count(*) FROM transcript WHERE original_name = ?", [self.sample], as: Int.self) }, 1)
    }

    func testACorrectedTranscriptOfAWithdrawnRecordingIsRefusedAndNothingIsStored() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let withdraw = try TestSupport.cli(["withdraw", "gz-cihui", "--reason", "the speaker withdrew consent"], archive: url)
        XCTAssertEqual(withdraw.status, 0, withdraw.stderr)
        let report = try archive.ingest(IngestRequest(paths: [try correctedCopy()]))
        XCTAssertEqual(report.failed.count, 1)
        XCTAssertTrue(report.failed.first?.message?.contains("a withdrawn transcript is not revised") == true, "\(report.failed)")
        XCTAssertEqual(try archive.store.read { db in try db.value("SELECT count(*) FROM transcript WHERE original_name = ?", [self.sample], as: Int.self) }, 1)
        XCTAssertEqual(try archive.countHits(try SearchQuery("月亮光"), includeRestricted: true), 0)
    }

    func testRevisionsAreComparedByTierAndSpanSoMovedSegmentsAreRemovedAndAddedAndRewordedOnesChanged() {
        func segment(_ tier: String, _ startMs: Int64, _ endMs: Int64, _ text: String) -> Segment {
            Segment(id: nil, transcriptId: 1, recordingId: nil, tier: tier, tierIndex: 0, tierKind: "orthography", tierType: "time",
                    participant: nil, speakerId: nil, startMs: startMs, endMs: endMs, text: text, itemNumber: nil)
        }
        let before = [segment("汉字", 0, 900, "0001 热头"), segment("汉字", 1000, 1900, "0002 月光"),
                      segment("汉字", 2000, 2900, "0003 星"), segment("IPA", 0, 900, "ȵiʔ tʰəu")]
        let after = [segment("汉字", 0, 900, "0001 热头"), segment("汉字", 1000, 1900, "0002 月亮光"),
                     segment("汉字", 2000, 3100, "0003 星"), segment("普通话", 0, 900, "太阳"), segment("IPA", 0, 900, "ȵiʔ tʰəu")]
        let difference = TranscriptDifference(before: before, after: after)
        XCTAssertEqual(difference.summary, "2 added, 1 removed, 1 changed")
        XCTAssertEqual(TranscriptDifference(before: before, after: before).summary, "0 added, 0 removed, 0 changed")
    }
}
