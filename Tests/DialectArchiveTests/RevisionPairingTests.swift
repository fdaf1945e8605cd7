@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// A corrected transcript is a new revision however it finds its recording: under another name
/// when the recording's session row in `sessions.csv` names it as the recording's transcript, and
/// when it was stored before its recording and is paired on the recording's arrival.
final class RevisionPairingTests: XCTestCase {
    private let sessionsHeader = "id,title,date,locality,speakers,recorder,content,collection,access,files\n"
    private let cihuiRow = "gz-cihui,广州越秀 词汇（青女）,2024-05-10,gz,gz-yf,黄慧敏,词汇,sample,open,"

    /// The sample transcript, with 月光 reworded, as `name` beside a sessions.csv naming `files` for gz-cihui.
    private func correction(_ name: String, files: String, _ test: String = #function) throws -> URL {
        let folder = try TestSupport.scratchFolder(test + "-correction")
        let original = try String(contentsOf: TestSupport.repository.appendingPathComponent("transcripts/gz-yf-cihui.eaf"), encoding: .utf8)
        try original.replacingOccurrences(of: "0002 月光", with: "0002 月亮光").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        try (sessionsHeader + cihuiRow + files + "\n").write(to: folder.appendingPathComponent("sessions.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    private func transcripts(of recording: String, _ archive: Archive) throws -> [TranscriptFile] {
        try archive.store.read { db in
            let id = try db.value("SELECT id FROM recording WHERE original_name = ?", [recording], as: Int64.self)
            return try db.records(TranscriptFile.self, "SELECT * FROM transcript WHERE recording_id IS NOT DISTINCT FROM ? ORDER BY id", [id])
        }
    }

    private func found(_ text: String, in session: String, _ archive: Archive) throws -> Bool {
        try archive.search(try SearchQuery(text), limit: 1000, includeRestricted: true).hits.contains { $0.sessionId == session }
    }

    func testATranscriptTheSessionRowNamesForItsRecordingUnderANewNameIsPairedByTheRowAndIsANewRevision() throws {
        let (archive, url) = try SampleArchive.ingested(#function)
        let folder = try TestSupport.scratchFolder(#function + "-correction")
        let original = try String(contentsOf: TestSupport.repository.appendingPathComponent("transcripts/gz-yf-yufa.vtt"), encoding: .utf8)
        XCTAssertEqual(original.components(separatedBy: "我冇钓到鱼").count, 2)
        try original.replacingOccurrences(of: "我冇钓到鱼", with: "我冇钓倒鱼")
            .write(to: folder.appendingPathComponent("gz-yf-yufa-checked.vtt"), atomically: true, encoding: .utf8)
        try (sessionsHeader + "gz-yufa,广州越秀 语法（青女）,2024-05-10,gz,gz-yf,黄慧敏,语法,sample,open,gz-yf-yufa.ogg;gz-yf-yufa-checked.vtt\n")
            .write(to: folder.appendingPathComponent("sessions.csv"), atomically: true, encoding: .utf8)

        let ingest = try TestSupport.cli(["ingest", folder.path], archive: url)
        XCTAssertEqual(ingest.status, 0, ingest.stdout + ingest.stderr)
        XCTAssertFalse(ingest.stdout.contains("kept unpaired"), "the row pairs it with the one recording it names: \(ingest.stdout)")
        XCTAssertTrue(ingest.stdout.contains("revision 2) replaced transcript"), ingest.stdout)
        XCTAssertTrue(ingest.stdout.contains("segments 0 added, 0 removed, 1 changed"), ingest.stdout)

        let files = try transcripts(of: "gz-yf-yufa.ogg", archive)
        XCTAssertEqual(files.map(\.originalName), ["gz-yf-yufa.vtt", "gz-yf-yufa-checked.vtt"])
        XCTAssertEqual(files.map(\.revision), [1, 2])
        XCTAssertEqual(files.map(\.replacedBy), [files[1].id, nil])
        XCTAssertFalse(try found("我冇钓到鱼", in: "gz-yufa", archive), "the replaced wording is no longer found")
        XCTAssertTrue(try found("我冇钓倒鱼", in: "gz-yufa", archive))
        XCTAssertTrue(try archive.verify().intact)
    }

    func testAnEAFUnderANewNameThatTheSessionRowNamesAsItsRecordingsTranscriptIsANewRevision() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let report = try archive.ingest(IngestRequest(paths: [try correction("gz-yf-cihui-checked.eaf", files: "gz-yf-cihui.wav;gz-yf-cihui-checked.eaf")]))
        XCTAssertEqual(report.failed, [])
        XCTAssertEqual(report.revisions.map(\.revision), [2])
        let files = try transcripts(of: "gz-yf-cihui.wav", archive)
        XCTAssertEqual(files.map(\.originalName), ["gz-yf-cihui.eaf", "gz-yf-cihui-checked.eaf"])
        XCTAssertEqual(files.map(\.replacedBy), [files[1].id, nil])
        XCTAssertFalse(try found("月光", in: "gz-cihui", archive))
        XCTAssertTrue(try found("月亮光", in: "gz-cihui", archive))
    }

    func testATranscriptOfAnotherNameStaysASecondTranscriptWhenTheSessionRowNamesBoth() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        let folder = try correction("gz-yf-cihui-checked.eaf", files: "gz-yf-cihui.wav;gz-yf-cihui.eaf;gz-yf-cihui-checked.eaf")
        let report = try archive.ingest(IngestRequest(paths: [folder]))
        XCTAssertEqual(report.failed, [])
        XCTAssertEqual(report.revisions, [])
        let files = try transcripts(of: "gz-yf-cihui.wav", archive)
        XCTAssertEqual(files.map(\.revision), [1, 1])
        XCTAssertEqual(files.map(\.replacedBy), [nil, nil])
        XCTAssertTrue(try found("月光", in: "gz-cihui", archive))
        XCTAssertTrue(try found("月亮光", in: "gz-cihui", archive))
    }

    func testACorrectedTranscriptStoredBeforeItsRecordingIsANewRevisionWhenTheRecordingArrives() throws {
        let trip = try FieldFolder()
        let srt = "1\n00:00:00,100 --> 00:00:00,600\n0001 太阳\n\n2\n00:00:00,700 --> 00:00:00,900\n0002 月亮\n"
        let file = try trip.write("word.srt", srt)
        let archive = try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
        let first = try archive.ingest(IngestRequest(paths: [trip.url]))
        try trip.write("word.srt", srt.replacingOccurrences(of: "0002 月亮", with: "0002 月光") + "\n3\n00:00:01,000 --> 00:00:01,400\n0003 星\n")
        let second = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(second.revisions, [], "without a recording the corrected file is kept unpaired, not yet a revision")
        let earlier = try XCTUnwrap(first.added.first?.id), later = try XCTUnwrap(second.added.first?.id)

        try trip.tone("word.wav")
        let arrival = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(arrival.failed, [])
        XCTAssertEqual(arrival.paired.map(\.transcriptId), [earlier, later])
        let revision = try XCTUnwrap(arrival.revisions.first)
        XCTAssertEqual(arrival.revisions.count, 1)
        XCTAssertEqual(revision.file, file.standardizedFileURL.path)
        XCTAssertEqual(revision.transcriptId, later)
        XCTAssertEqual(revision.revision, 2)
        XCTAssertEqual(revision.replacedTranscriptId, earlier)
        XCTAssertEqual(revision.replacedRevision, 1)
        XCTAssertEqual(revision.difference.summary, "1 added, 0 removed, 1 changed")

        let files = try transcripts(of: "word.wav", archive)
        XCTAssertEqual(files.map(\.id), [earlier, later])
        XCTAssertEqual(files.map(\.revision), [1, 2])
        XCTAssertEqual(files.map(\.replacedBy), [later, nil])
        XCTAssertEqual(try archive.countHits(try SearchQuery("月亮"), includeRestricted: true), 0, "the replaced wording leaves the index")
        XCTAssertEqual(try archive.search(try SearchQuery("月光")).hits.map(\.recordingFile), ["word.wav"])
        XCTAssertEqual(try archive.search(try SearchQuery("太阳")).hits.count, 1, "a line both revisions have is found once")

        let event = try XCTUnwrap(try archive.events().last { $0.kind == "ingest" })
        XCTAssertTrue(event.summary.contains("1 transcripts stored earlier paired as new revisions"), event.summary)
        let details = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(event.details.utf8)) as? [String: Any])
        XCTAssertEqual((details["revisions"] as? [[String: Any]])?.first?["summary"] as? String, revision.summary)
        let fixity = try archive.verify()
        XCTAssertTrue(fixity.intact, "\(fixity)")
        XCTAssertEqual(fixity.changedParses, [])
    }
}
