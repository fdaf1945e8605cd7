@testable import DialectArchive
import Foundation
import GRDB
import XCTest

/// A transcript taken in before its recording is paired when the recording arrives, by the same
/// rule as at its own ingest: the medium it names first, else its base name.
final class LatePairingTests: XCTestCase {
    private let srt = "1\n00:00:00,100 --> 00:00:00,600\n0001 太阳\n\n2\n00:00:00,700 --> 00:00:00,900\n0002 月亮\n"

    private func newArchive() throws -> Archive {
        try TestArchive.create(at: try TestSupport.scratchFolder().appendingPathComponent("archive"))
    }

    func testATranscriptIngestedBeforeItsRecordingIsPairedWhenTheRecordingArrives() throws {
        let trip = try FieldFolder()
        let transcript = try trip.write("word.srt", srt)
        let archive = try newArchive()
        let first = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertTrue(first.warnings.contains { $0.file == transcript.path && $0.message.contains("kept unpaired") })
        XCTAssertNil(try archive.search(try SearchQuery("太阳")).hits.first?.recordingId)

        try trip.tone("word.wav")
        let second = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(second.failed, [])
        let recordingId = try XCTUnwrap(second.outcomes.first { $0.kind == .recording && $0.status == .added }?.id)
        let transcriptId = try XCTUnwrap(first.outcomes.first { $0.kind == .transcript && $0.status == .added }?.id)
        XCTAssertEqual(second.paired, [IngestReport.Pairing(transcriptId: transcriptId, transcript: transcript.standardizedFileURL.path,
                                                            recordingId: recordingId, recording: "word.wav")])

        let hit = try XCTUnwrap(try archive.search(try SearchQuery("太阳")).hits.first)
        XCTAssertEqual(hit.recordingId, recordingId)
        XCTAssertEqual(hit.recordingFile, "word.wav")
        XCTAssertEqual(try archive.search(try SearchQuery("月亮")).hits.first?.recordingId, recordingId)

        let event = try XCTUnwrap(try archive.events().last)
        let details = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(event.details.utf8)) as? [String: Any])
        XCTAssertEqual(details["transcripts_paired"] as? Int, 1)
        let paired = try XCTUnwrap(details["paired"] as? [[String: Any]])
        XCTAssertEqual((paired.first?["transcript_id"] as? NSNumber)?.int64Value, transcriptId)
        XCTAssertEqual(paired.first?["recording"] as? String, "word.wav")
    }

    func testTheMediumAnEAFNamesWinsOverTheBaseNameAsAtItsOwnIngest() throws {
        let notes = try FieldFolder("notes")
        try notes.write("take.eaf", """
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT AUTHOR="" DATE="2023-09-01T10:00:00+08:00" FORMAT="3.0" VERSION="3.0">
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
            <MEDIA_DESCRIPTOR MEDIA_URL="file:///C:/fieldwork/interview.wav" MIME_TYPE="audio/x-wav"/>
            </HEADER>
            <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="100"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="800"/></TIME_ORDER>
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="汉字">
            <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>日头</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>
            </ANNOTATION_DOCUMENT>
            """)
        let archive = try newArchive()
        XCTAssertEqual(try archive.ingest(IngestRequest(paths: [notes.url])).failed, [])

        let audio = try FieldFolder("audio")
        try audio.tone("take.wav", frequency: 300)
        try audio.tone("interview.wav", frequency: 700)
        let report = try archive.ingest(IngestRequest(paths: [audio.url]))
        XCTAssertEqual(report.paired.map(\.recording), ["interview.wav"])
        XCTAssertEqual(try archive.search(try SearchQuery("日头")).hits.first?.recordingFile, "interview.wav")
    }

    func testALatePairedTranscriptJoinsItsRecordingsSessionWithItsSpeakerAndPlace() throws {
        let notes = try FieldFolder("notes")
        try notes.write("take.srt", srt)
        let archive = try newArchive()
        _ = try archive.ingest(IngestRequest(paths: [notes.url]))
        XCTAssertEqual(try archive.search(try SearchQuery("太阳")).hits.first?.sessionId, "trip")

        let audio = try FieldFolder("audio")
        try audio.tone("take.wav")
        try audio.write("localities.csv", FieldFolder.localities)
        try audio.write("speakers.csv", FieldFolder.speakers)
        try audio.write("sessions.csv", "id,locality,speakers,files\ngz-cihui,gz,gz-qn,take.wav\n")
        let report = try archive.ingest(IngestRequest(paths: [audio.url]))
        XCTAssertEqual(report.paired.map(\.recording), ["take.wav"])

        let hit = try XCTUnwrap(try archive.search(try SearchQuery("太阳")).hits.first)
        XCTAssertEqual(hit.sessionId, "gz-cihui")
        XCTAssertEqual(hit.speaker?.id, "gz-qn")
        var filters = SearchFilters()
        filters.locality = "gz"
        XCTAssertEqual(try archive.search(try SearchQuery("太阳"), filters: filters).hits.map(\.segmentId), [hit.segmentId])
    }

    func testARecordingOfAnotherNameLeavesTheTranscriptUnpaired() throws {
        let trip = try FieldFolder()
        try trip.write("word.srt", srt)
        let archive = try newArchive()
        _ = try archive.ingest(IngestRequest(paths: [trip.url]))
        try trip.tone("other.wav")
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(report.paired, [])
        XCTAssertNil(try archive.search(try SearchQuery("太阳")).hits.first?.recordingId)
    }

    func testSegmentsPastTheEndOfALatePairedRecordingAreAWarning() throws {
        let trip = try FieldFolder()
        let transcript = try trip.write("word.srt", srt + "\n3\n00:00:02,000 --> 00:00:02,500\n0003 星星\n")
        let archive = try newArchive()
        _ = try archive.ingest(IngestRequest(paths: [trip.url]))
        try trip.tone("word.wav", seconds: 1)
        let report = try archive.ingest(IngestRequest(paths: [trip.url]))
        XCTAssertEqual(report.paired.count, 1)
        XCTAssertEqual(report.warnings.filter { $0.file == transcript.standardizedFileURL.path }.map(\.message),
                       ["tier 'subtitles': 1 segment ends after the recording does (00:01.000), at 00:02.000–00:02.500; stored as written"])
    }
}
